/**
 * `npm run conformance [-- ID|FILE.yaml|AREA ...]`: replays the conformance corpus (conformance/*.yaml,
 * recorded on the real tools) in the sandbox, compares each line after the case's normalisation
 * rules, prints every disagreement with a short diff and the agreement per area. Exits 1 when the
 * share of agreeing cases is below conformance/threshold.json or a must-agree case disagrees (the
 * threshold applies only to a run over the whole corpus). See docs/CONFORMANCE.md.
 */
import {
  CORPUS_DIR,
  compareCorpus,
  corpusPasses,
  formatReport,
  loadCorpus,
  loadThreshold,
} from '../src/conformance/corpus.ts';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = loadCorpus(CORPUS_DIR);
const selected =
  filters.length === 0
    ? all
    : all.filter((c) => filters.some((f) => f === c.case.id || f === c.file || f === c.case.area));
if (selected.length === 0) {
  console.error(`no case matches ${filters.join(' ')}`);
  process.exit(2);
}
const report = await compareCorpus(selected);
const threshold = filters.length === 0 ? loadThreshold(CORPUS_DIR).caseAgreement : 0;
console.log(formatReport(report, threshold));
process.exit(corpusPasses(report, threshold) ? 0 : 1);
