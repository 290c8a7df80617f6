/** Quayside's site configuration: choices a deployment makes once, for every page. */
export const siteConfig = {
  /**
   * Offer labs that opt in (`<Lab webcontainer />`) a switch to run on a WebContainer: a real Node.js
   * shell in the page. Their pages are then served cross-origin isolated (COOP and COEP
   * credentialless). The built-in sandbox stays the default, and the fallback.
   */
  webContainer: true,
  /**
   * The course's pages after the overview, in the order the sidebar lists them. Progress, the
   * completion record and "continue where you left off" follow the same order.
   */
  course: [
    'why-isolate',
    'virtual-machines',
    'hypervisors',
    'containers',
    'images',
    'containers-and-images',
    'registries',
    'building-images',
    'performance-and-density',
    'security-and-isolation',
    'operations',
    'compose',
    'networking',
    'troubleshooting',
    'hardening',
    'other-worlds',
    'choosing',
    'container-from-scratch',
    'capstone',
    'final-assessment',
  ],
};
