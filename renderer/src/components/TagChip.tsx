import type { Tag } from '../../../shared/domain';

/** A Picqer tag in its own colours, so packers recognise it the way they do in Picqer. */
export function TagChip({ tag }: { tag: Tag }) {
  const style = tag.color ? { backgroundColor: tag.color, color: tag.textColor ?? '#000000' } : undefined;
  return (
    <span className={tag.color ? 'tag' : 'tag tag--plain'} style={style}>
      {tag.title}
    </span>
  );
}
