// The device choice under its label: the three options, WebGPU not choosable when no adapter was found.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DeviceSelect } from './DeviceSelect';

const render = (webgpuUnavailable: boolean, disabled = false) =>
  renderToStaticMarkup(
    createElement(DeviceSelect, { label: 'Run on', autoLabel: 'Automatic', value: 'wasm', disabled, webgpuUnavailable, onChange: () => {} }),
  );

describe('DeviceSelect', () => {
  it('labels the select and offers automatic, WebGPU and WASM with the value chosen', () => {
    const html = render(false);
    expect(html).toMatch(/^<label>Run on<select>/);
    expect(html).toContain('<option value="auto">Automatic</option><option value="webgpu">WebGPU</option><option value="wasm" selected="">WASM</option>');
  });

  it('cannot choose WebGPU without an adapter, and the whole select can be disabled', () => {
    expect(render(true)).toContain('<option value="webgpu" disabled="">WebGPU</option>');
    expect(render(false, true)).toContain('<select disabled="">');
  });
});
