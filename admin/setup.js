// Decap CMS waits for start.js: the Kyrgyz words must be registered before it draws anything.
window.CMS_MANUAL_INIT = true;
