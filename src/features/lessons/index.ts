// Guided lessons (issue 13): the header's "Lessons" entry, the lesson list and the panel of the lesson in progress.
export { LessonsButton } from './LessonsButton';
export { LessonsLayer } from './LessonsLayer';
export { LessonPanel } from './LessonPanel';
