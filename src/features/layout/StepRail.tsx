// The stepper: the six RAG steps and the two tools, each with its state (done, needs action, working,
// failed, waiting), a link that jumps to it (and moves the focus to its heading), and the one-line hint
// of what to do next. A side rail on wide screens, a compact bar at the top on narrow ones.
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PIPELINE_STEPS, usePipelineProgress, type StepState } from '../../state/view/pipelineProgress';
import { NextHint } from '../../ui/NextHint';

const TOOLS = ['evaluation', 'embedding-map'] as const;
const MARK: Record<StepState, string> = { done: '✓', action: '!', busy: '…', failed: '✕', waiting: '' };

/** Scroll to a step and put the focus on its heading, so that the keyboard goes on from there. */
function jumpTo(e: MouseEvent<HTMLAnchorElement>, id: string) {
  const heading = document.getElementById(`${id}-title`);
  if (!heading) return;
  e.preventDefault();
  document.getElementById(id)?.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
  history.replaceState(null, '', `#${id}`);
}

export function StepRail() {
  const { t } = useTranslation();
  const { states, next } = usePipelineProgress();
  return (
    <nav className="step-rail" aria-label={t('uipath.railLabel')}>
      <ol className="rail-steps">
        {PIPELINE_STEPS.map((id, i) => {
          const state = states[id];
          const label = t('uipath.railItem', { n: i + 1, stage: t(`uipath.stage.${id}`), state: t(`uipath.state.${state}`) });
          return (
            <li key={id} className={`rail-step rail-${state}`} data-step={id} data-state={state}>
              <a href={`#${id}`} onClick={(e) => jumpTo(e, id)} aria-current={next === id ? 'step' : undefined}>
                <span className="rail-number" aria-hidden="true">
                  {MARK[state] || i + 1}
                </span>
                <span className="rail-text" aria-hidden="true">
                  {t(`uipath.stage.${id}`)}
                  <span className="rail-state">{t(`uipath.state.${state}`)}</span>
                </span>
                <span className="visually-hidden">{label}</span>
              </a>
            </li>
          );
        })}
      </ol>
      <p className="rail-tools-label" aria-hidden="true">
        {t('uipath.toolsLabel')}
      </p>
      <ol className="rail-steps rail-tools" start={7} aria-label={t('uipath.toolsLabel')}>
        {TOOLS.map((id, i) => (
          <li key={id} className="rail-step rail-tool" data-step={id}>
            <a href={`#${id}`} onClick={(e) => jumpTo(e, id)}>
              <span className="rail-number" aria-hidden="true">
                {PIPELINE_STEPS.length + i + 1}
              </span>
              <span className="rail-text" aria-hidden="true">
                {t(`uipath.stage.${id}`)}
              </span>
              <span className="visually-hidden">{`${PIPELINE_STEPS.length + i + 1}. ${t(`uipath.stage.${id}`)}`}</span>
            </a>
          </li>
        ))}
      </ol>
      <NextHint next={next} state={next ? states[next] : undefined} className="rail-hint" />
    </nav>
  );
}
