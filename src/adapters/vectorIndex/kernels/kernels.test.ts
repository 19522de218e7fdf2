// The checked-in WebAssembly text listings of the scan kernels say exactly what the bytes that
// scanKernel.ts assembles do: describeModule (a disassembler for the kernels' instruction subset, with its
// own opcode table from the specification) prints each module, and the output must equal the listing with
// its ;; comments and blank lines taken out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { int8KernelBytes, relaxedInt8KernelBytes, relaxedProbeBytes, scanKernelBytes } from '../scanKernel';
import { describeModule } from './describeModule';

/** The listing without ;; comments, trailing spaces and lines left empty. */
function listing(file: string): string {
  const text = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
  const lines = text
    .split('\n')
    .map((line) => line.replace(/;;.*$/, '').trimEnd())
    .filter((line) => line !== '');
  return lines.join('\n') + '\n';
}

describe('scan kernel listings', () => {
  it.each([
    ['scanF32.wat', scanKernelBytes],
    ['scanInt8.wat', int8KernelBytes],
    ['scanInt8Relaxed.wat', relaxedInt8KernelBytes],
  ] as const)('%s is exactly what the builder emits, and the bytes are valid wasm', (file, bytes) => {
    const module = bytes();
    expect(describeModule(module)).toBe(listing(file));
    expect(WebAssembly.validate(module)).toBe(true);
  });
});

describe('the shared-memory variants (two threads on one memory)', () => {
  it.each([
    ['scanInt8.wat', int8KernelBytes],
    ['scanInt8Relaxed.wat', relaxedInt8KernelBytes],
  ] as const)('%s with a shared memory import differs from the listing only in that line', (file, bytes) => {
    const module = bytes(true);
    const text = listing(file);
    const sharedImport = '(import "env" "memory" (memory 1 65536 shared))';
    expect(text).toContain('(import "env" "memory" (memory 1))');
    expect(describeModule(module)).toBe(text.replace('(import "env" "memory" (memory 1))', sharedImport));
    expect(WebAssembly.validate(module)).toBe(true);
    // It runs only on a shared memory (the threads proposal: the import's sharedness must match).
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(module), { env: { memory: shared } })).not.toThrow();
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(module), { env: { memory: new WebAssembly.Memory({ initial: 1 }) } })).toThrow();
  });
});

describe('the relaxed SIMD probe', () => {
  it('is the one relaxed instruction, and this Node has relaxed SIMD (Chromium 114+ does too)', () => {
    expect(describeModule(relaxedProbeBytes())).toBe(
      [
        '(module',
        '  (type (;0;) (func (param v128 v128 v128) (result v128)))',
        '  (func (;0;) (type 0) (param v128 v128 v128) (result v128)',
        '    local.get 0',
        '    local.get 1',
        '    local.get 2',
        '    i32x4.relaxed_dot_i8x16_i7x16_add_s',
        '  )',
        ')',
        '',
      ].join('\n'),
    );
    expect(WebAssembly.validate(relaxedProbeBytes())).toBe(true);
  });
});

describe('describeModule', () => {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  /** A module with one function () -> () whose body is `code` (locals: none). */
  const oneFunction = (code: number[]) => new Uint8Array([...header, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, code.length + 3, 1, code.length + 1, 0, ...code]);

  it('prints if / else at the depth of their block, with a result type', () => {
    // i32.const 1; if (result i32) i32.const 2 else i32.const 3 end; i32.eqz; br_if 0 (a block-less branch)
    const text = describeModule(oneFunction([0x41, 0x01, 0x04, 0x7f, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0b, 0x45, 0x0c, 0x00, 0x0b]));
    expect(text).toBe(
      [
        '(module',
        '  (type (;0;) (func))',
        '  (func (;0;) (type 0)',
        '    i32.const 1',
        '    if (result i32)',
        '      i32.const 2',
        '    else',
        '      i32.const 3',
        '    end',
        '    i32.eqz',
        '    br 0',
        '  )',
        ')',
        '',
      ].join('\n'),
    );
  });

  it('prints a non-natural alignment and a negative constant, and nests blocks', () => {
    // block; i32.const -2; i32.const 0; i32.load align=1 offset=8; ... ; end; end
    const text = describeModule(oneFunction([0x02, 0x40, 0x41, 0x7e, 0x41, 0x00, 0x28, 0x00, 0x08, 0x6a, 0x45, 0x0d, 0x00, 0x0b, 0x0b]));
    expect(text).toBe(
      [
        '(module',
        '  (type (;0;) (func))',
        '  (func (;0;) (type 0)',
        '    block',
        '      i32.const -2',
        '      i32.const 0',
        '      i32.load offset=8 align=1',
        '      i32.add',
        '      i32.eqz',
        '      br_if 0',
        '    end',
        '  )',
        ')',
        '',
      ].join('\n'),
    );
  });

  it('refuses what it does not know instead of guessing', () => {
    expect(() => describeModule(oneFunction([0x01, 0x0b]))).toThrow(/unknown opcode 0x1/);
    expect(() => describeModule(oneFunction([0xfd, 0x0c, 0x0b]))).toThrow(/unknown SIMD opcode/);
    expect(() => describeModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(/not a WebAssembly 1.0 module/);
  });
});
