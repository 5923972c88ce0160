import type { ViewContext } from '../../../core/views/context.js';
import type { Localized } from '../../../core/i18n/locales.js';

/** An entry's images with their alternative text, as the entry page and the moderators' review show them. */
export const EntryImages = ({ view, images }: { view: ViewContext; images: { id: number; alt: Localized; width: number; height: number }[] }) => (
  <ul class="entry-images">
    {images.map((image) => (
      <li>
        <img src={view.href(`/stocktaking/images/${image.id}`)} alt={view.localize(image.alt)} width={image.width} height={image.height} loading="lazy" />
      </li>
    ))}
  </ul>
);
