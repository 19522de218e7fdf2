// The "Lessons" entry in the header (both views): shows or hides the lesson list.
import { useTranslation } from 'react-i18next';
import { useLessonStore } from '../../state/lessons/lessonStore';

export function LessonsButton() {
  const { t } = useTranslation();
  const open = useLessonStore((s) => s.listOpen);
  const setOpen = useLessonStore((s) => s.setListOpen);
  return (
    <button type="button" className="secondary lessons-button" aria-expanded={open} aria-controls="lessons" onClick={() => setOpen(!open)}>
      {t('lessons.entry')}
    </button>
  );
}
