// The engine's benchmarks: where the calls are, the files, one session per run (statistics, budgets, the
// comparison with a baseline), the baselines kept, scaling fits and the generated scaling benchmark.
export { benchCallsInSource } from '../../core/bench/bench-calls';
export { benchNamesInSource } from '../../core/bench/panel-inputs';
export { BenchOptionsError, discoverBenchFiles } from '../bench/run-benchmarks';
export { runBenchSession } from '../bench/session';
export { summarize } from '../../core/bench/summary';
export { compareWithBaseline } from '../../core/bench/compare';
export { scalingOf } from '../../core/bench/scaling';
export { loadBudgetConfig } from '../bench/budgets-config';
export { BaselineStoreError, loadBaseline, saveBaseline } from '../bench/baseline-store';
export { readBaselineHistory } from '../bench/baseline-history';
export { createBaseline } from '../../core/bench/baseline';
export { moduleKindOf, scalingBenchFileName, scalingBenchTemplate } from '../../core/bench/scaling-template';
export { BENCH_TYPES_FILE } from '../../core/bench/bench-types';
export { readBenchTypes } from '../bench/bench-types-file';
