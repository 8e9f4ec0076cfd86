// Marks the page as having JavaScript, as GOV.UK Frontend expects; a file rather than inline script, so the
// Content-Security-Policy allows scripts from this site only.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
