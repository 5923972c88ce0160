import type { CopyItem } from '../copy.js';

/**
 * The copy of an answer on the form's last step and on the receipt. Each answer is isolated in its
 * own direction (`bdi`: an English text on an Arabic page keeps its order) and placed as the page
 * reads, so a number or a code sits under its question, not at the far side of an Arabic page.
 */
export const AnswerCopy = ({ copy }: { copy: CopyItem[] }) => (
  <dl class="answer-copy">
    {copy.map((c) => (
      <>
        <dt>{c.question}</dt>
        <dd>
          <bdi>{c.answer}</bdi>
        </dd>
      </>
    ))}
  </dl>
);
