// A focused structural check of the parts of the SARIF 2.1.0 schema (and GitHub code scanning's upload
// rules) that our output uses. Returns the problems found; [] means the log has the required shape.

type Json = unknown;
const LEVELS = ['none', 'note', 'warning', 'error'];

function obj(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function posInt(v: Json): boolean {
  return Number.isInteger(v) && (v as number) >= 1;
}
function message(v: Json, at: string, problems: string[]) {
  if (!obj(v) || typeof v.text !== 'string' || v.text === '') problems.push(`${at}.text must be a non-empty string`);
}

function artifactLocation(v: Json, at: string, bases: Record<string, Json>, problems: string[]) {
  if (!obj(v) || typeof v.uri !== 'string') return void problems.push(`${at}.uri must be a string`);
  const uri = v.uri;
  if (uri.includes('\\')) problems.push(`${at}.uri must use forward slashes: ${uri}`);
  if (/[\s"<>]/.test(uri)) problems.push(`${at}.uri must be percent-encoded: ${uri}`);
  if (v.uriBaseId !== undefined) {
    if (typeof v.uriBaseId !== 'string' || !(v.uriBaseId in bases)) problems.push(`${at}.uriBaseId is not declared in originalUriBaseIds`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/')) problems.push(`${at}.uri must be relative to its uriBaseId`);
  } else if (!/^file:\/\//.test(uri)) {
    problems.push(`${at}.uri without uriBaseId must be an absolute file URI`);
  }
}

export function sarifProblems(log: Json): string[] {
  const p: string[] = [];
  if (!obj(log)) return ['the log must be an object'];
  if (log.version !== '2.1.0') p.push('version must be "2.1.0"');
  if (typeof log.$schema !== 'string' || !/sarif.*2\.1\.0.*\.json$/.test(log.$schema)) p.push('$schema must name the 2.1.0 schema');
  if (!Array.isArray(log.runs) || log.runs.length !== 1) return [...p, 'runs must be an array with one run'];
  const run = log.runs[0];
  if (!obj(run)) return [...p, 'runs[0] must be an object'];
  const driver = obj(run.tool) ? run.tool.driver : undefined;
  if (!obj(driver) || typeof driver.name !== 'string') return [...p, 'runs[0].tool.driver.name is required'];
  if (driver.informationUri !== undefined && !/^https?:\/\//.test(String(driver.informationUri))) p.push('informationUri must be an absolute URI');
  const rules = Array.isArray(driver.rules) ? driver.rules : [];
  if (!Array.isArray(driver.rules)) p.push('tool.driver.rules must be an array');
  rules.forEach((r: Json, i: number) => {
    const at = `rules[${i}]`;
    if (!obj(r) || typeof r.id !== 'string') return void p.push(`${at}.id is required`);
    message(r.shortDescription, `${at}.shortDescription`, p);
    message(r.fullDescription, `${at}.fullDescription`, p);
    message(r.help, `${at}.help`, p);
    if (obj(r.help) && r.help.markdown !== undefined && typeof r.help.markdown !== 'string') p.push(`${at}.help.markdown must be a string`);
    if (!obj(r.defaultConfiguration) || !LEVELS.includes(r.defaultConfiguration.level as string)) p.push(`${at}.defaultConfiguration.level must be a SARIF level`);
  });
  const bases = obj(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
  for (const [id, b] of Object.entries(bases)) {
    if (!obj(b) || typeof b.uri !== 'string' || !/^file:\/\/.*\/$/.test(b.uri)) p.push(`originalUriBaseIds.${id}.uri must be an absolute file URI ending in /`);
  }
  if (run.columnKind !== undefined && run.columnKind !== 'utf16CodeUnits') p.push('columnKind must be utf16CodeUnits for GitHub');
  if (!Array.isArray(run.results)) return [...p, 'runs[0].results must be an array'];
  run.results.forEach((r: Json, i: number) => {
    const at = `results[${i}]`;
    if (!obj(r)) return void p.push(`${at} must be an object`);
    message(r.message, `${at}.message`, p);
    if (typeof r.ruleId !== 'string') p.push(`${at}.ruleId is required`);
    if (!Number.isInteger(r.ruleIndex) || !obj(rules[r.ruleIndex as number]) || (rules[r.ruleIndex as number] as { id: Json }).id !== r.ruleId) {
      p.push(`${at}.ruleIndex must point at the rule with id ${String(r.ruleId)}`);
    }
    if (!LEVELS.includes(r.level as string)) p.push(`${at}.level must be a SARIF level`);
    if (!Array.isArray(r.locations) || r.locations.length === 0) return void p.push(`${at}.locations must be a non-empty array`);
    r.locations.forEach((l: Json, j: number) => {
      const pl = obj(l) ? l.physicalLocation : undefined;
      if (!obj(pl)) return void p.push(`${at}.locations[${j}].physicalLocation is required`);
      artifactLocation(pl.artifactLocation, `${at}.locations[${j}].physicalLocation.artifactLocation`, bases, p);
      const reg = pl.region;
      if (!obj(reg) || !posInt(reg.startLine) || !posInt(reg.startColumn) || !posInt(reg.endLine) || !posInt(reg.endColumn)) {
        return void p.push(`${at} region needs 1-based startLine, startColumn, endLine, endColumn`);
      }
      const [sl, sc, el, ec] = [reg.startLine, reg.startColumn, reg.endLine, reg.endColumn] as number[];
      if (el < sl || (el === sl && ec < sc)) p.push(`${at} region ends before it starts`);
    });
    if (r.partialFingerprints !== undefined) {
      if (!obj(r.partialFingerprints) || !Object.values(r.partialFingerprints).every((v) => typeof v === 'string' && v !== '')) {
        p.push(`${at}.partialFingerprints must map keys to non-empty strings`);
      }
    }
  });
  if (!Array.isArray(run.invocations) || !obj(run.invocations[0])) return [...p, 'runs[0].invocations[0] is required'];
  const inv = run.invocations[0];
  if (typeof inv.executionSuccessful !== 'boolean') p.push('invocations[0].executionSuccessful must be a boolean');
  const notes = inv.toolExecutionNotifications ?? [];
  if (!Array.isArray(notes)) return [...p, 'toolExecutionNotifications must be an array'];
  notes.forEach((n: Json, i: number) => {
    const at = `toolExecutionNotifications[${i}]`;
    if (!obj(n)) return void p.push(`${at} must be an object`);
    message(n.message, `${at}.message`, p);
    if (n.level !== undefined && !LEVELS.includes(n.level as string)) p.push(`${at}.level must be a SARIF level`);
    if (Array.isArray(n.locations)) {
      n.locations.forEach((l: Json, j: number) => {
        const pl = obj(l) ? l.physicalLocation : undefined;
        if (obj(pl)) artifactLocation(pl.artifactLocation, `${at}.locations[${j}]`, bases, p);
      });
    }
  });
  return p;
}
