/**
 * Activation: wires commands, diagnostics and code actions, and returns at once. Nothing heavy is
 * imported here — the engine (and the TypeScript compiler it carries) loads on the first lint.
 */
import * as vscode from 'vscode';
import { HintController } from './hints/hint-controller';
import { HINT_DOCUMENT_SELECTOR, HintCodeActionProvider } from './hints/code-actions';
import { scanWorkspace } from './hints/scan-workspace';
import { showRuleDocs } from './hints/rule-docs';
import { profileFunction } from './profile/profile-function-command';
import { HotLineDecorations } from './profile/hot-lines';
import { saveProfileReport } from './profile/save-report-command';
import { profileNpmScriptCommand, profileScriptCommand, profileTestFileCommand } from './profile/profile-script-commands';
import { ProfileCodeLensProvider } from './profile/profile-lens-provider';
import { profileWith0x, trackZeroXContext } from './profile/zero-x-command';
import { openClinicProfile } from './profile/clinic-command';
import { ProfileEditorProvider, openCpuProfile } from './profile/profile-editor';
import { compareProfiles, compareWithPreviousRun } from './compare/compare-commands';
import { BenchResultsStore } from './bench/bench-results-store';
import { BenchCodeLensProvider } from './bench/bench-lens-provider';
import { runBenchmarkCommand, runBenchmarkFileCommand, runBenchmarksCommand } from './bench/bench-commands';
import { generateScalingBenchmark } from './bench/scaling-benchmark-command';
import { BenchmarksViewProvider } from './bench/benchmarks-view';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Perf Lens', { log: true });
  const hints = new HintController(context.extensionUri, log);
  const hotLines = new HotLineDecorations(context.extensionUri);
  const lenses = new ProfileCodeLensProvider(log);
  const benchResults = new BenchResultsStore();
  const benchLenses = new BenchCodeLensProvider(benchResults, log);
  context.subscriptions.push(
    log,
    hints,
    hotLines,
    lenses,
    vscode.languages.registerCodeLensProvider(ProfileCodeLensProvider.selector, lenses),
    vscode.languages.registerCodeActionsProvider(
      HINT_DOCUMENT_SELECTOR,
      new HintCodeActionProvider(hints),
      HintCodeActionProvider.metadata,
    ),
    vscode.commands.registerCommand('perfLens.scanWorkspace', () => scanWorkspace(hints)),
    vscode.commands.registerCommand('perfLens.showRuleDocs', (ruleId?: unknown) => showRuleDocs(context.extensionUri, ruleId)),
    vscode.commands.registerCommand('perfLens.profileFunction', (target?: unknown) => profileFunction(context.extensionUri, { hotLines, lenses }, log, target)),
    vscode.commands.registerCommand('perfLens.profileScript', () => profileScriptCommand({ extensionUri: context.extensionUri, hotLines, log })),
    vscode.commands.registerCommand('perfLens.profileNpmScript', () => profileNpmScriptCommand({ extensionUri: context.extensionUri, hotLines, log })),
    vscode.commands.registerCommand('perfLens.profileTestFile', () => profileTestFileCommand({ extensionUri: context.extensionUri, hotLines, log })),
    vscode.commands.registerCommand('perfLens.clearHotLines', () => hotLines.clear()),
    vscode.commands.registerCommand('perfLens.toggleHotLines', () => vscode.window.setStatusBarMessage(hotLines.toggle(), 4000)),
    vscode.commands.registerCommand('perfLens.showLog', () => log.show(true)),
    vscode.commands.registerCommand('perfLens.profileWith0x', () => profileWith0x(context.extensionUri, log)),
    vscode.commands.registerCommand('perfLens.openClinicProfile', (target?: unknown) => openClinicProfile(context.extensionUri, log, target)),
    trackZeroXContext(),
    vscode.commands.registerCommand('perfLens.saveProfileReport', (uri?: unknown) => saveProfileReport(log, uri)),
    ProfileEditorProvider.register(context.extensionUri, log),
    vscode.commands.registerCommand('perfLens.openCpuProfile', (uri?: unknown) => openCpuProfile(uri)),
    vscode.commands.registerCommand('perfLens.openInPerfLens', (uri?: unknown) => openCpuProfile(uri)),
    vscode.commands.registerCommand('perfLens.compareProfiles', () => compareProfiles(context.extensionUri, log)),
    vscode.commands.registerCommand('perfLens.compareWithPreviousRun', (target?: unknown) => compareWithPreviousRun(context.extensionUri, log, target)),
    benchLenses,
    vscode.languages.registerCodeLensProvider(BenchCodeLensProvider.selector, benchLenses),
    vscode.commands.registerCommand('perfLens.runBenchmarks', () => runBenchmarksCommand({ store: benchResults, log })),
    vscode.commands.registerCommand('perfLens.runBenchmarkFile', (uri?: unknown) => runBenchmarkFileCommand({ store: benchResults, log }, uri)),
    vscode.commands.registerCommand('perfLens.runBenchmark', (target?: unknown) => runBenchmarkCommand({ store: benchResults, log }, target)),
    vscode.commands.registerCommand('perfLens.generateScalingBenchmark', (target?: unknown) => generateScalingBenchmark(log, target)),
    BenchmarksViewProvider.register(context.extensionUri, log, benchResults),
  );
  hints.start();
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
