// Tells the platform that opened Quayside's registration page that it is done (LTI Dynamic Registration).
(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
