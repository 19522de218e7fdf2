// A disassembler for the small subset of WebAssembly that the scan kernels use (scanKernel.ts): it turns a
// module's bytes into WebAssembly text, in the flat style of wabt's wasm2wat (one instruction a line,
// block and loop bodies indented, memory offsets shown, alignment only where it is not the natural one).
// Tests compare its output with the listings checked in beside it (scanF32.wat, scanInt8.wat, scanInt8Relaxed.wat), so the
// listings say exactly what the hand-assembled bytes do. Its opcode table is written from the WebAssembly
// specification, independently of the builder's, so a wrong opcode number in the builder shows as a
// wrong instruction name. Anything outside the subset throws.

const VALTYPES: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };

type Immediate = 'none' | 'index' | 'i32' | 'memarg' | 'lane' | 'block';
interface OpInfo {
  name: string;
  imm: Immediate;
  /** log2 of the natural alignment, for memory instructions. */
  natural?: number;
}

/** Single-byte opcodes (WebAssembly 2.0, section 5.4). */
const OPS: Record<number, OpInfo> = {
  0x02: { name: 'block', imm: 'block' },
  0x03: { name: 'loop', imm: 'block' },
  0x04: { name: 'if', imm: 'block' },
  0x05: { name: 'else', imm: 'none' },
  0x0b: { name: 'end', imm: 'none' },
  0x0c: { name: 'br', imm: 'index' },
  0x0d: { name: 'br_if', imm: 'index' },
  0x10: { name: 'call', imm: 'index' },
  0x20: { name: 'local.get', imm: 'index' },
  0x21: { name: 'local.set', imm: 'index' },
  0x22: { name: 'local.tee', imm: 'index' },
  0x28: { name: 'i32.load', imm: 'memarg', natural: 2 },
  0x2a: { name: 'f32.load', imm: 'memarg', natural: 2 },
  0x2b: { name: 'f64.load', imm: 'memarg', natural: 3 },
  0x36: { name: 'i32.store', imm: 'memarg', natural: 2 },
  0x38: { name: 'f32.store', imm: 'memarg', natural: 2 },
  0x39: { name: 'f64.store', imm: 'memarg', natural: 3 },
  0x41: { name: 'i32.const', imm: 'i32' },
  0x45: { name: 'i32.eqz', imm: 'none' },
  0x48: { name: 'i32.lt_s', imm: 'none' },
  0x49: { name: 'i32.lt_u', imm: 'none' },
  0x4e: { name: 'i32.ge_s', imm: 'none' },
  0x63: { name: 'f64.lt', imm: 'none' },
  0x64: { name: 'f64.gt', imm: 'none' },
  0x66: { name: 'f64.ge', imm: 'none' },
  0x6a: { name: 'i32.add', imm: 'none' },
  0x6b: { name: 'i32.sub', imm: 'none' },
  0x6c: { name: 'i32.mul', imm: 'none' },
  0x74: { name: 'i32.shl', imm: 'none' },
  0x92: { name: 'f32.add', imm: 'none' },
  0xa0: { name: 'f64.add', imm: 'none' },
  0xa1: { name: 'f64.sub', imm: 'none' },
  0xa2: { name: 'f64.mul', imm: 'none' },
  0xb7: { name: 'f64.convert_i32_s', imm: 'none' },
  0xbb: { name: 'f64.promote_f32', imm: 'none' },
};

/** SIMD opcodes, after the 0xfd prefix (section 5.4.8). */
const SIMD_OPS: Record<number, OpInfo> = {
  0x00: { name: 'v128.load', imm: 'memarg', natural: 4 },
  0x01: { name: 'v128.load8x8_s', imm: 'memarg', natural: 3 },
  0x1b: { name: 'i32x4.extract_lane', imm: 'lane' },
  0x1f: { name: 'f32x4.extract_lane', imm: 'lane' },
  0xae: { name: 'i32x4.add', imm: 'none' },
  0xba: { name: 'i32x4.dot_i16x8_s', imm: 'none' },
  0xe4: { name: 'f32x4.add', imm: 'none' },
  0xe6: { name: 'f32x4.mul', imm: 'none' },
  // Relaxed SIMD (WebAssembly 3.0, section 5.4.8)
  0x113: { name: 'i32x4.relaxed_dot_i8x16_i7x16_add_s', imm: 'none' },
};

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.bytes.length;
  }
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of module');
    return this.bytes[this.pos++]!;
  }
  uleb(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return result;
    }
  }
  sleb(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
  }
  name(): string {
    const n = this.uleb();
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.byte());
    return s;
  }
  valtype(): string {
    const code = this.byte();
    const t = VALTYPES[code];
    if (!t) throw new Error(`unknown value type 0x${code.toString(16)}`);
    return t;
  }
}

interface FuncType {
  params: string[];
  results: string[];
}

const signature = (t: FuncType): string =>
  [t.params.length ? `(param ${t.params.join(' ')})` : '', t.results.length ? `(result ${t.results.join(' ')})` : ''].filter(Boolean).join(' ');

function instruction(r: Reader): { text: string; name: string } {
  const code = r.byte();
  let info: OpInfo | undefined;
  if (code === 0xfd) {
    const sub = r.uleb();
    info = SIMD_OPS[sub];
    if (!info) throw new Error(`unknown SIMD opcode 0xfd ${sub.toString(16)}`);
  } else {
    info = OPS[code];
    if (!info) throw new Error(`unknown opcode 0x${code.toString(16)}`);
  }
  let text = info.name;
  switch (info.imm) {
    case 'none':
      break;
    case 'index':
      text += ` ${r.uleb()}`;
      break;
    case 'i32':
      text += ` ${r.sleb()}`;
      break;
    case 'lane':
      text += ` ${r.byte()}`;
      break;
    case 'block': {
      const bt = r.byte();
      if (bt !== 0x40) {
        const t = VALTYPES[bt];
        if (!t) throw new Error(`unsupported block type 0x${bt.toString(16)}`);
        text += ` (result ${t})`;
      }
      break;
    }
    case 'memarg': {
      const align = r.uleb();
      const offset = r.uleb();
      if (offset !== 0) text += ` offset=${offset}`;
      if (align !== info.natural) text += ` align=${2 ** align}`;
      break;
    }
  }
  return { text, name: info.name };
}

/** The module as WebAssembly text (see the header for the style). */
export function describeModule(bytes: Uint8Array): string {
  const r = new Reader(bytes);
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  for (const b of header) if (r.byte() !== b) throw new Error('not a WebAssembly 1.0 module');

  const types: FuncType[] = [];
  const imports: string[] = [];
  const funcTypes: number[] = [];
  const exports: string[] = [];
  const funcs: string[][] = [];
  while (!r.done) {
    const id = r.byte();
    const size = r.uleb();
    const end = r.pos + size;
    const count = r.uleb();
    for (let i = 0; i < count; i++) {
      if (id === 1) {
        if (r.byte() !== 0x60) throw new Error('expected a function type');
        const params = Array.from({ length: r.uleb() }, () => r.valtype());
        const results = Array.from({ length: r.uleb() }, () => r.valtype());
        types.push({ params, results });
      } else if (id === 2) {
        const module = r.name();
        const field = r.name();
        if (r.byte() !== 0x02) throw new Error('only memory imports are supported');
        const flags = r.byte();
        const min = r.uleb();
        // flags: 0 min only, 1 min and max, 3 min, max and shared (threads proposal).
        if (flags !== 0 && flags !== 1 && flags !== 3) throw new Error(`unknown memory limits flags ${flags}`);
        const limits = flags === 0 ? `${min}` : `${min} ${r.uleb()}${flags === 3 ? ' shared' : ''}`;
        imports.push(`(import "${module}" "${field}" (memory ${limits}))`);
      } else if (id === 3) {
        funcTypes.push(r.uleb());
      } else if (id === 7) {
        const name = r.name();
        if (r.byte() !== 0x00) throw new Error('only function exports are supported');
        exports.push(`(export "${name}" (func ${r.uleb()}))`);
      } else if (id === 10) {
        funcs.push(functionBody(r, funcs.length, funcTypes, types));
      } else {
        throw new Error(`unsupported section ${id}`);
      }
    }
    if (r.pos !== end) throw new Error(`section ${id} has ${end - r.pos} bytes left over`);
  }

  const lines = ['(module'];
  types.forEach((t, i) => lines.push(`  (type (;${i};) (func${t.params.length || t.results.length ? ' ' : ''}${signature(t)}))`));
  for (const imp of imports) lines.push(`  ${imp}`);
  for (const f of funcs) lines.push(...f);
  for (const exp of exports) lines.push(`  ${exp}`);
  lines.push(')');
  return lines.join('\n') + '\n';
}

function functionBody(r: Reader, index: number, funcTypes: number[], types: FuncType[]): string[] {
  const typeIndex = funcTypes[index];
  const type = typeIndex === undefined ? undefined : types[typeIndex];
  if (!type) throw new Error(`function ${index} has no type`);
  const size = r.uleb();
  const end = r.pos + size;
  const sig = signature(type);
  const lines = [`  (func (;${index};) (type ${typeIndex})${sig ? ` ${sig}` : ''}`];
  const locals: string[] = [];
  const groups = r.uleb();
  for (let g = 0; g < groups; g++) {
    const n = r.uleb();
    const t = r.valtype();
    for (let i = 0; i < n; i++) locals.push(t);
  }
  if (locals.length) lines.push(`    (local ${locals.join(' ')})`);
  let depth = 0;
  for (;;) {
    const { text, name } = instruction(r);
    if (name === 'end') {
      if (depth === 0) break;
      depth--;
    }
    // (else sits at its if's depth, its body one deeper)
    lines.push(`${'  '.repeat(name === 'else' ? depth + 1 : depth + 2)}${text}`);
    if (name === 'block' || name === 'loop' || name === 'if') depth++;
  }
  if (r.pos !== end) throw new Error(`function ${index} has ${end - r.pos} bytes after its end`);
  lines.push('  )');
  return lines;
}
