import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** A tree table's first cell is indented by its depth (0 for the top level). */
export const treeIndent = (depth: number): CSSProperties => ({
  paddingInlineStart: `${String(0.75 + depth * 1.25)}rem`,
});

/**
 * The ▸/▾ button before a tree row's name that shows or hides the rows inside it, named for the row
 * ("Expand HQ"); a blank of the same width when the row has nothing inside.
 */
export function TreeToggle({
  name,
  expanded,
  onToggle,
}: {
  name: string;
  /** Undefined when the row has no children. */
  expanded: boolean | undefined;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  if (expanded === undefined) return <span className="tree-spacer" />;
  return (
    <button
      type="button"
      className="link tree-toggle"
      aria-expanded={expanded}
      aria-label={expanded ? t('common.collapse', { name }) : t('common.expand', { name })}
      onClick={onToggle}
    >
      {expanded ? '▾' : '▸'}
    </button>
  );
}
