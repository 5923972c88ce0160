import { countryName } from '../../../reference/queries.js';
import type { ViewContext } from '../../../../core/views/context.js';
import type { Story } from '../stories.js';

/**
 * What a success story says below its title, on the page and in the printed document alike: the
 * organization and country, then the summary in its own language.
 */
export const StoryText = ({ view, story }: { view: ViewContext; story: Story }) => {
  const summary = view.localizeWithLocale(story.summary);
  return (
    <>
      {(story.organization || story.country) && (
        <p class="meta">
          {story.organization && <bdi>{story.organization}</bdi>}
          {story.organization && story.country && ' · '}
          {story.country && countryName(story.country, view.locale)}
        </p>
      )}
      <p lang={summary.locale === view.locale ? undefined : summary.locale} dir="auto">
        {summary.text}
      </p>
    </>
  );
};
