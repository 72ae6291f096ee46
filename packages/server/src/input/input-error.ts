/**
 * Errors in what a person gave us (a file, a request body, a command-line value), said so that they
 * can act on it: where (file, line, column), what was expected and what was found.
 */

export interface InputProblem {
  /** The file's path, or `request body`, or the command-line option. */
  readonly file: string;
  /** 1-based physical line of a text file (the header is line 1). */
  readonly line?: number;
  /** The column or field name. */
  readonly column?: string;
  readonly expected: string;
  /** What was there instead; omitted where showing it would leak a personal identifier. */
  readonly found?: string;
}

export function describeProblem(p: InputProblem): string {
  const where = [
    p.file,
    p.line === undefined ? null : `line ${p.line}`,
    p.column === undefined ? null : `column ${p.column}`,
  ]
    .filter((s) => s !== null)
    .join(', ');
  const found = p.found === undefined ? '' : `, found "${p.found}"`;
  return `${where}: expected ${p.expected}${found}`;
}

/** One or more problems with an input; the message names the first and counts the rest. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly problems: readonly InputProblem[];

  constructor(
    problems: InputProblem | readonly InputProblem[],
    readonly total?: number,
  ) {
    const list = Array.isArray(problems) ? problems : [problems as InputProblem];
    const count = total ?? list.length;
    const first = list[0];
    super(
      first === undefined
        ? 'invalid input'
        : describeProblem(first) +
            (count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : ''),
    );
    this.problems = list;
  }
}

/** `error` with the problems in file `from` said to be in `to` (a temporary copy named as its original). */
export function renamed(error: InputError, from: string, to: string): InputError {
  if (from === to || !error.problems.some((p) => p.file === from)) return error;
  return new InputError(
    error.problems.map((p) => (p.file === from ? { ...p, file: to } : p)),
    error.total,
  );
}

/** Collects problems up to a limit, so a bad file reports its first hundred problems, not one or a million. */
export class ProblemList {
  readonly problems: InputProblem[] = [];
  count = 0;

  constructor(readonly limit = 100) {}

  add(problem: InputProblem): void {
    this.count++;
    if (this.problems.length < this.limit) this.problems.push(problem);
  }

  /** Throws an `InputError` with everything collected, if anything was. */
  throwIfAny(): void {
    if (this.count > 0) throw new InputError(this.problems, this.count);
  }
}
