/** The instructor `server.mjs` creates with the CLI before the end-to-end server starts. */
export const INSTRUCTOR = {
  email: 'instructor@example.com',
  name: 'Iris Instructor',
  password: 'an instructor password',
};
