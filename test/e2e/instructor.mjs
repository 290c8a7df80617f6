/** The instructor `server.mjs` creates with the CLI before the end-to-end server starts. */
export const INSTRUCTOR = {
  email: 'instructor@example.com',
  name: 'Iris Instructor',
  password: 'an instructor password',
};

/** Where `server.mjs` leaves a site administrator's one-time LTI registration links, one a line. */
export const LTI_INVITE_FILE = '.test-results/e2e-lti-invite.txt';
