// Starts GOV.UK Frontend's components. Pages work without it; it only enhances them.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
