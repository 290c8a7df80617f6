// Sends the form the page holds (an LTI message to the platform) as soon as the page loads.
document.querySelector('form[data-autopost]')?.submit();
