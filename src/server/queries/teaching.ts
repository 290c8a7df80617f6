/**
 * SQL that holds when the user (a query parameter such as `$2`) teaches the class `c` (a table
 * alias): they own it, or a learning platform made them one of its staff, another instructor or a
 * teaching assistant (`class_staff`). Staff may do what the owner does with the class's assignments
 * and grades; renaming, archiving and deleting the class and its join code stay the owner's.
 */
export function teaches(c: string, user: string): string {
  return `(${c}.instructor_id = ${user} or exists (select 1 from class_staff staff where staff.class_id = ${c}.id and staff.user_id = ${user}))`;
}
