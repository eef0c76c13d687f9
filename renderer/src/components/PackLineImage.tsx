import { useState } from 'react';

interface Props {
  src: string | null;
  alt: string;
  placeholder: string;
}

/** The product photo, or a neutral box saying there is none (also when the image fails to load). */
export function PackLineImage({ src, alt, placeholder }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) {
    return (
      <div className="pack-line__image pack-line__image--none" role="img" aria-label={placeholder}>
        <span aria-hidden="true">{placeholder}</span>
      </div>
    );
  }
  return <img className="pack-line__image" src={src} alt={alt} loading="lazy" onError={() => setFailed(src)} />;
}
