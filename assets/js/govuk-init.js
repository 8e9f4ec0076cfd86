// Starts GOV.UK Frontend's components on the page: the error summary takes focus, conditional reveals
// open and close, and so on. A module, so browsers too old for GOV.UK Frontend skip it and the page still works.
import { initAll } from "./govuk-frontend.min.js";

initAll();
