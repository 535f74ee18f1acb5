// Renders a cucumber.json with cucumber-html-reporter: node render.js CUCUMBER_JSON OUTPUT_HTML.
// graphconform's tests use it to check that a real cucumber report tool reads the file graphconform
// writes, attachments included.
'use strict';

const reporter = require('cucumber-html-reporter');

const [jsonFile, output] = process.argv.slice(2);
if (!jsonFile || !output) {
  console.error('usage: node render.js CUCUMBER_JSON OUTPUT_HTML');
  process.exit(2);
}

reporter.generate({
  theme: 'bootstrap',
  jsonFile,
  output,
  reportSuiteAsScenarios: true,
  launchReport: false,
  metadata: {},
});
