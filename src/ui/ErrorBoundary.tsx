// An error boundary: when its content throws while rendering, it shows what failed in place of that
// content (the rest of the page keeps working) with ways out: try again, reset the settings, clear the
// workspace, or export what can still be read first. One wraps each step card and one the whole app.
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { BoundaryFallback } from './BoundaryFallback';
import { failed, retried, WORKING, type BoundaryState } from '@openbook/core/boundaryFailure';

interface Props {
  /** 'step' for a step card (the others go on), 'app' around everything. */
  scope: 'step' | 'app';
  /** Which part this is, for the console and the tests (e.g. the step's id). */
  name: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, BoundaryState> {
  override state: BoundaryState = WORKING;

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { failure: failed(WORKING, error).failure };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[openbook] ${this.props.name} failed:`, error, info.componentStack);
  }

  private readonly retry = () => this.setState((s) => retried(s));

  override render(): ReactNode {
    const { failure, attempt } = this.state;
    if (failure !== null) return <BoundaryFallback scope={this.props.scope} name={this.props.name} detail={failure} onRetry={this.retry} />;
    return <Fragment key={attempt}>{this.props.children}</Fragment>;
  }
}
