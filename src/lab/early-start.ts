/**
 * A classic inline script that follows the labs' own module script in a lesson (Lab.astro): it
 * imports that module at once, so the first lab's worker and terminal start as soon as their code
 * arrives, while the rest of a long lesson is still being parsed. A module script alone waits for
 * the whole document. Importing the same address twice runs the module once; where the element
 * before it is not that script (the page's later labs), it does nothing. It is a string so that the
 * site's Content-Security-Policy can carry its hash (src/server/http/csp.ts).
 */
export const EARLY_LAB_START =
  "(function(s){if(s&&s.tagName==='SCRIPT'&&s.type==='module'&&s.src)import(s.src)})(document.currentScript&&document.currentScript.previousElementSibling);";
