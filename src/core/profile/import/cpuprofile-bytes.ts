/**
 * Parses a `.cpuprofile` (UTF-8 JSON) from its bytes, chunk by chunk, without ever holding the file or
 * one string of it whole: `samples` and `timeDeltas` (most of a big profile: two numbers per sample) go
 * straight into typed arrays, every other top-level value (the node list) is gathered and `JSON.parse`d
 * on its own. A 100 MB profile then costs a chunk, 4 bytes per number and the node objects, where
 * `JSON.parse(text)` held the text and a boxed element per number at once. The result is unvalidated,
 * like JSON.parse's: importFromCpuProfile checks it. Pure: the caller reads the chunks.
 */

/** The bytes are not JSON; the message is one sentence (without the file name). */
export class JsonSyntaxError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** The top-level keys whose values are read into typed arrays when they are lists of numbers. */
const NUMERIC_KEYS = new Set(['samples', 'timeDeltas']);
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function shown(b: number): string {
  return b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}`;
}

/**
 * A list of numbers, Int32 while every value is a 32-bit integer, then Float64. It is allocated at once at
 * an upper bound of its length (every number takes at least two bytes with its comma) and handed out as a
 * view of its used part: a zero-filled allocation is committed page by page as it is written, so the
 * unused tail costs address space, not memory, and no copy is made at the end (growing by copies would
 * hold the list twice at its biggest).
 */
class NumberListBuilder {
  /** Public for the parser's fast path, which writes integers straight in. */
  list: Int32Array | Float64Array;
  used = 0;

  constructor(capacity: number) {
    this.list = new Int32Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.list instanceof Int32Array && (v | 0) !== v) this.realloc(true, this.list.length);
    if (this.used === this.list.length) this.realloc(this.list instanceof Float64Array, Math.max(16, this.list.length * 2)); // the file grew while read
    this.list[this.used++] = v;
  }

  hasAny(): boolean {
    return this.used > 0;
  }

  finish(): Int32Array | Float64Array {
    return this.list.subarray(0, this.used);
  }

  private realloc(floats: boolean, capacity: number): void {
    const next = floats ? new Float64Array(capacity) : new Int32Array(capacity);
    next.set(this.list.subarray(0, this.used));
    this.list = next;
  }
}

const enum State {
  Start,
  /** After `{`: a key or `}`. */
  FirstKey,
  /** After `,`: a key. */
  Key,
  InKey,
  Colon,
  Value,
  /** A string, object or array value being gathered. */
  Composite,
  /** true, false, null or a number, up to the next delimiter. */
  Literal,
  Numbers,
  AfterValue,
  Done,
  /** The file is not an object: gathered whole, parsed at the end (it is not a profile anyway). */
  NotObject,
}

export class CpuProfileBytesParser {
  /** `totalBytes`: the file's size (bounds the length of the number lists). */
  constructor(private readonly totalBytes: number) {}

  private state = State.Start;
  private offset = 0;
  private readonly out: Record<string, unknown> = {};
  private key = '';
  /**
   * The key or value being gathered, decoded chunk by chunk (a streaming decoder keeps a character split
   * between chunks whole): no copy of its bytes is kept, and the caller may reuse its chunk.
   */
  private pieces: string[] = [];
  private decoder = new TextDecoder();
  private partFrom = -1;
  private valueAt = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  // The number list being read, and the number in it.
  private list: NumberListBuilder | undefined;
  private expectValue = true;
  private inNumber = false;
  private slow = '';
  private negative = false;
  private digits = 0;
  private value = 0;
  private leadingZero = false;
  private numberAt = 0;

  /** Feeds the next chunk of the file. */
  write(chunk: Uint8Array): void {
    let i = 0;
    if (this.offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3; // a UTF-8 byte-order mark
    const n = chunk.length;
    while (i < n) {
      switch (this.state) {
        case State.Start: {
          const b = chunk[i];
          if (isSpace(b)) i++;
          else if (b === OPEN_BRACE) {
            this.state = State.FirstKey;
            i++;
          } else {
            this.state = State.NotObject;
            this.partFrom = i;
            this.valueAt = this.offset + i;
          }
          break;
        }
        case State.FirstKey:
        case State.Key: {
          const b = chunk[i];
          if (isSpace(b)) i++;
          else if (b === QUOTE) {
            this.state = State.InKey;
            this.partFrom = i;
            this.inString = true;
            this.escaped = false;
            i++;
          } else if (b === CLOSE_BRACE && this.state === State.FirstKey) {
            this.state = State.Done;
            i++;
          } else throw this.unexpected(b, i);
          break;
        }
        case State.InKey: {
          i = this.scanString(chunk, i);
          if (!this.inString) {
            this.key = this.parseGathered(chunk, i) as string;
            this.state = State.Colon;
          }
          break;
        }
        case State.Colon: {
          const b = chunk[i];
          if (isSpace(b)) i++;
          else if (b === COLON) {
            this.state = State.Value;
            i++;
          } else throw this.unexpected(b, i);
          break;
        }
        case State.Value: {
          const b = chunk[i];
          if (isSpace(b)) {
            i++;
          } else if (b === OPEN_BRACKET && NUMERIC_KEYS.has(this.key)) {
            this.state = State.Numbers;
            // At most one number per two bytes of what is left of the file.
            this.list = new NumberListBuilder(Math.ceil((this.totalBytes - this.offset - i) / 2) + 1);
            this.expectValue = true;
            this.inNumber = false;
            this.valueAt = this.offset + i;
            i++;
          } else {
            this.partFrom = i;
            this.valueAt = this.offset + i;
            if (b === QUOTE || b === OPEN_BRACE || b === OPEN_BRACKET) {
              this.state = State.Composite;
              this.depth = 0;
              this.inString = false;
              this.escaped = false;
            } else {
              this.state = State.Literal;
            }
          }
          break;
        }
        case State.Composite:
          i = this.scanComposite(chunk, i);
          break;
        case State.Literal: {
          const b = chunk[i];
          if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || isSpace(b)) this.endValue(this.parseGathered(chunk, i));
          else i++;
          break;
        }
        case State.Numbers:
          i = this.scanNumbers(chunk, i);
          break;
        case State.AfterValue: {
          const b = chunk[i];
          if (isSpace(b)) i++;
          else if (b === COMMA) {
            this.state = State.Key;
            i++;
          } else if (b === CLOSE_BRACE) {
            this.state = State.Done;
            i++;
          } else throw this.unexpected(b, i);
          break;
        }
        case State.Done: {
          const b = chunk[i];
          if (!isSpace(b)) throw new JsonSyntaxError(`Unexpected non-whitespace character after JSON at byte ${this.offset + i}`);
          i++;
          break;
        }
        case State.NotObject:
          i = n;
          break;
      }
    }
    // Keep what is being gathered: the next chunk continues it.
    if (this.partFrom >= 0) {
      this.pieces.push(this.decoder.decode(chunk.subarray(this.partFrom, n), { stream: true }));
      this.partFrom = 0;
    }
    this.offset += n;
  }

  /** The parsed file, once every chunk was written. */
  end(): unknown {
    if (this.state === State.NotObject) return this.parseGathered(new Uint8Array(0), 0);
    if (this.state === State.Literal) {
      // A literal at the very end cannot complete the object: still, name it as JSON.parse would.
      this.parseGathered(new Uint8Array(0), 0);
    }
    if (this.state !== State.Done) throw new JsonSyntaxError('Unexpected end of JSON input');
    return this.out;
  }

  private unexpected(b: number, i: number): JsonSyntaxError {
    return new JsonSyntaxError(`Unexpected ${shown(b)} at byte ${this.offset + i}`);
  }

  /** Parses what was gathered up to `end` of this chunk; stops gathering. */
  private parseGathered(chunk: Uint8Array, end: number): unknown {
    const from = this.partFrom >= 0 ? this.partFrom : end;
    this.pieces.push(this.decoder.decode(chunk.subarray(from, end)));
    const text = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces = [];
    this.partFrom = -1;
    try {
      return JSON.parse(text);
    } catch (e) {
      const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new JsonSyntaxError(`${detail} (in the value at byte ${this.valueAt})`);
    }
  }

  private endValue(value: unknown): void {
    // As JSON.parse: an own property even for "__proto__", the last of repeated keys wins.
    Object.defineProperty(this.out, this.key, { value, enumerable: true, writable: true, configurable: true });
    this.state = State.AfterValue;
  }

  /** Inside a string (key): up to its closing quote. */
  private scanString(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    while (i < n) {
      const b = chunk[i++];
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH) this.escaped = true;
      else if (b === QUOTE) {
        this.inString = false;
        return i;
      }
    }
    return i;
  }

  /** A string, object or array value: bracket depth, strings skipped; JSON.parse checks it once whole. */
  private scanComposite(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    while (i < n) {
      if (this.inString) {
        // Jump to the next quote; a backslash before it may escape it.
        const q = chunk.indexOf(QUOTE, i);
        const stop = q === -1 ? n : q;
        for (let k = i; k < stop; k++) {
          if (this.escaped) this.escaped = false;
          else if (chunk[k] === BACKSLASH) this.escaped = true;
        }
        if (q === -1) return n;
        i = q + 1;
        if (this.escaped) this.escaped = false;
        else {
          this.inString = false;
          if (this.depth === 0) {
            this.endValue(this.parseGathered(chunk, i));
            return i;
          }
        }
        continue;
      }
      const b = chunk[i++];
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        if (--this.depth === 0) {
          this.endValue(this.parseGathered(chunk, i));
          return i;
        }
      }
    }
    return i;
  }

  /** A list of numbers, byte by byte (numbers may straddle chunks). */
  private scanNumbers(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    while (i < n) {
      if (!this.inNumber) {
        i = this.fastIntegers(chunk, i);
        if (i >= n) break;
      }
      // Byte by byte: a fraction, an exponent, a number across chunks, the end of the list, an error.
      const b = chunk[i];
      if (this.inNumber) {
        if (b >= ZERO && b <= NINE) {
          if (this.slow !== '') this.slow += String.fromCharCode(b);
          else if (this.leadingZero) throw new JsonSyntaxError(`Invalid number (leading zero) at byte ${this.numberAt}`);
          else if (this.digits === 15) {
            // More than 15 digits may round differently when summed digit by digit: the slow path.
            this.slow = this.tokenSoFar() + String.fromCharCode(b);
          } else {
            if (this.digits === 0 && b === ZERO) this.leadingZero = true;
            this.value = this.value * 10 + (b - ZERO);
            this.digits++;
          }
          i++;
          continue;
        }
        if (b === DOT || b === 0x65 || b === 0x45 || b === PLUS || b === MINUS) {
          this.slow = (this.slow || this.tokenSoFar()) + String.fromCharCode(b);
          i++;
          continue;
        }
        this.endNumber();
      }
      if (isSpace(b)) {
        i++;
      } else if (b === COMMA) {
        if (this.expectValue) throw this.unexpected(b, i);
        this.expectValue = true;
        i++;
      } else if (b === CLOSE_BRACKET) {
        // `[]` is fine; `[1,]` is not.
        if (this.expectValue && this.list!.hasAny()) throw this.unexpected(b, i);
        this.endValue(this.list!.finish());
        this.list = undefined;
        return i + 1;
      } else if (this.expectValue && (b === MINUS || (b >= ZERO && b <= NINE))) {
        this.inNumber = true;
        this.expectValue = false;
        this.numberAt = this.offset + i;
        this.negative = b === MINUS;
        this.value = this.negative ? 0 : b - ZERO;
        this.digits = this.negative ? 0 : 1;
        this.leadingZero = b === ZERO;
        this.slow = '';
        i++;
      } else if (this.expectValue && (b === QUOTE || b === OPEN_BRACE || b === OPEN_BRACKET || b === 0x6e || b === 0x74 || b === 0x66)) {
        // Not a list of numbers after all (a string, an object, null...): gathered and parsed as any value
        // from here, with the numbers so far in front, so the importer can say what is wrong.
        const prefix = `[${Array.from(this.list!.finish()).join(',')}${this.list!.hasAny() ? ',' : ''}`;
        this.list = undefined;
        this.pieces = [prefix];
        this.partFrom = i;
        this.state = State.Composite;
        this.depth = 1;
        this.inString = false;
        this.escaped = false;
        return i;
      } else {
        throw this.unexpected(b, i);
      }
    }
    return i;
  }

  /**
   * The fast path, on local variables: plain integers of up to 9 digits (V8 writes nothing else) and
   * commas, straight into the Int32Array, until anything else (left to the byte-by-byte path).
   */
  private fastIntegers(chunk: Uint8Array, i: number): number {
    const builder = this.list!;
    const arr = builder.list;
    if (!(arr instanceof Int32Array)) return i;
    const n = chunk.length;
    const cap = arr.length;
    let used = builder.used;
    let expect = this.expectValue;
    while (i < n) {
      const b = chunk[i];
      if (expect) {
        const negative = b === MINUS;
        let j = negative ? i + 1 : i;
        const from = j;
        let v = 0;
        let d = chunk[j];
        while (d >= ZERO && d <= NINE && j - from < 9) {
          v = v * 10 + (d - ZERO);
          d = chunk[++j];
        }
        const digits = j - from;
        // Whole in this chunk, ended by a delimiter, no leading zero, room left: take it.
        if (j >= n || digits === 0 || !(d === COMMA || d === CLOSE_BRACKET || isSpace(d)) || (digits > 1 && chunk[from] === ZERO) || used === cap) break;
        arr[used++] = negative ? -v : v;
        expect = false;
        i = j;
      } else if (b === COMMA) {
        expect = true;
        i++;
      } else if (isSpace(b)) {
        i++;
      } else {
        break;
      }
    }
    builder.used = used;
    this.expectValue = expect;
    return i;
  }

  /** The digits so far as text (no leading zeros to lose: a zero is never followed by a digit). */
  private tokenSoFar(): string {
    return `${this.negative ? '-' : ''}${this.digits === 0 ? '' : String(this.value)}`;
  }

  private endNumber(): void {
    this.inNumber = false;
    let v: number;
    if (this.slow !== '') {
      if (!JSON_NUMBER.test(this.slow)) throw new JsonSyntaxError(`Invalid number "${this.slow}" at byte ${this.numberAt}`);
      v = Number(this.slow);
    } else {
      if (this.digits === 0) throw new JsonSyntaxError(`Invalid number "-" at byte ${this.numberAt}`);
      v = this.negative ? -this.value : this.value;
    }
    this.list!.push(v);
  }
}

/** The profile object of a whole file's bytes (see CpuProfileBytesParser). Throws JsonSyntaxError. */
export function parseCpuProfileBytes(bytes: Uint8Array): unknown {
  const parser = new CpuProfileBytesParser(bytes.length);
  parser.write(bytes);
  return parser.end();
}
