// The one model picker and the one download view: every model choice and every download reads the same,
// whichever kind of model it is.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../i18n/i18n';
import { ModelPicker, type ModelChoice } from './ModelPicker';
import { ModelDownloadProgress } from './ModelDownloadProgress';

const choices: ModelChoice[] = [
  { id: '', name: 'None', availability: null, facts: 'no reranking' },
  { id: 'org/a', name: 'Model A', availability: 'site', facts: '23 MB', option: 'Model A · 23 MB' },
  { id: 'org/b', name: 'Model B', availability: 'unreachable' },
];

const picker = (variant: 'radios' | 'select') =>
  renderToStaticMarkup(createElement(ModelPicker, { label: 'Model', name: 'm', choices, value: 'org/a', onChange: () => {}, disabled: false, variant }));

describe('ModelPicker', () => {
  it('renders each model as a radio with its name, id, availability badge and facts; a choice that is no model without id or badge', () => {
    const html = picker('radios');
    expect(html).toContain('<legend>Model</legend>');
    expect(html).toContain('<strong>None</strong><span class="muted small">no reranking</span>');
    expect(html).toMatch(
      /checked="" value="org\/a"\/><span class="model-option-text"><strong>Model A<\/strong> <code class="muted">org\/a<\/code> <span class="availability availability-site"[^>]*>On this site<\/span><span class="muted small">23 MB<\/span>/,
    );
    expect(html).toContain('Not reachable now');
  });

  it('renders the same choices as a drop-down: each option with its availability, the chosen one with its badge', () => {
    const html = picker('select');
    expect(html).toMatch(/^<label class="grow"><span>Model <span class="availability availability-site"/);
    expect(html).toContain('<option value="org/a" selected="">Model A · 23 MB · On this site</option>');
    expect(html).toContain('<option value="">None</option>');
    expect(html).toContain('<option value="org/b">Model B · Not reachable now</option>');
  });
});

describe('ModelDownloadProgress', () => {
  const render = (props: Parameters<typeof ModelDownloadProgress>[0]) => renderToStaticMarkup(createElement(ModelDownloadProgress, props));

  it('shows "preparing" until the first file, then each file in bytes', () => {
    expect(render({ files: [], preparing: 'Preparing…' })).toContain('<progress aria-label="Preparing…"></progress>');
    const html = render({
      files: [
        { file: 'tokenizer.json', loadedBytes: 2048, totalBytes: 2048, done: true },
        { file: 'onnx/model.onnx', loadedBytes: 512, totalBytes: 4096, done: false },
      ],
      preparing: 'Preparing…',
    });
    expect(html).not.toContain('Preparing…');
    expect(html).toContain('<progress aria-label="Downloading tokenizer.json" value="2048" max="2048"></progress>');
    expect(html).toMatch(/2(\.0)? KB, done/);
    expect(html).toContain('<progress aria-label="Downloading onnx/model.onnx" value="512" max="4096"></progress>');
  });

  it('shows the overall progress where the engine gives one, and a Cancel button where asked', () => {
    const html = render({
      files: [],
      overall: { label: 'Loading the model', value: 0.5, max: 1, detail: '50%' },
      cancel: { label: 'Cancel', onCancel: () => {} },
    });
    expect(html).toContain('<progress aria-label="Loading the model" value="0.5" max="1"></progress>');
    expect(html).toContain('<button type="button" class="secondary">Cancel</button>');
  });
});
