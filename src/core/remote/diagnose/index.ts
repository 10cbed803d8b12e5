/** Log diagnosis against docs/ascend-facts.md §7. */
export { CATALOGUE, type CatalogueEntry } from './catalogue';
export { diagnoseLog, distinctCauses, type DiagnosisMatch, type DiagnoseOptions } from './diagnose';
