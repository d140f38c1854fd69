/** Security group and rule descriptions accept only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (≤ 255). */
export function awsDescription(text: string): string {
  const cleaned = text
    .replace(/…/g, '...')
    .replace(/[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length <= 255 ? cleaned : `${cleaned.slice(0, 252)}...`;
}
