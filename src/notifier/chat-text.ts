/**
 * Untrusted text made inert for every chat the renderer targets. Anyone who can create an alarm or an
 * EventBridge rule in the account shapes titles, descriptions, names and reasons, so none of it may notify
 * people, link anywhere or fetch anything:
 *
 * - Slack mrkdwn: `&`, `<` and `>` are its control characters (`<!channel>`, `<@U123>`, `<url|label>`); they
 *   are escaped as entities, as Slack documents.
 * - Mentions by name in Slack-compatible receivers (Mattermost, Rocket.Chat, Discord's Slack endpoint):
 *   `@channel`, `@here`, `@all`, `@everyone`, `@someone`. A word joiner after every `@` keeps the text readable
 *   and matches no mention syntax.
 * - Markdown links and images of those receivers: `[label](url)`, `![](url)`, `[label][ref]`, `[ref]: url`. A
 *   word joiner after every `]` breaks each of them.
 * - Bare URLs, which clients auto-link and unfurl: the scheme separator is defanged (`https[:]//…`), the way
 *   security tools quote indicators.
 */

const WORD_JOINER = '\u2060';

/** `text` as inert chat text (Slack mrkdwn and Markdown alike). */
export function chatText(text: string): string {
  return text
    .replaceAll('@', `@${WORD_JOINER}`)
    .replaceAll(']', `]${WORD_JOINER}`)
    .replaceAll('://', '[:]//')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * A URL the notifier built or verified (console and documentation links), made safe inside `<url|label>`: it
 * must not contain the delimiters.
 */
export function linkTarget(url: string): string {
  return url.replaceAll('|', '%7C').replaceAll('>', '%3E').replaceAll('<', '%3C');
}

/** Trims to `max` characters with an ellipsis, so one long field cannot crowd out the rest of a message. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
