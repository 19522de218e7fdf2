// The lesson list (under the header, when opened); while it is mounted, the open lesson step is checked
// against the app's state on every change (the panel, LessonPanel.tsx, shows the outcome).
import { useEffect } from 'react';
import { watchLessons } from '../../state/lessons/lessonStore';
import { LessonList } from './LessonList';

export function LessonsLayer() {
  useEffect(() => watchLessons(), []);
  return <LessonList />;
}
