const WORDS_PER_CHUNK = 3;

/** Splits text into chunks of a few words, as a model streams it; the chunks join back to the text exactly. */
export function textChunks(text: string): string[] {
  // Each piece is a word with the whitespace before it, so nothing is lost at the edges.
  const words = text.match(/\s*\S+/g) ?? [];
  const chunks: string[] = [];
  for (let index = 0; index < words.length; index += WORDS_PER_CHUNK) {
    chunks.push(words.slice(index, index + WORDS_PER_CHUNK).join(''));
  }
  const trailing = text.slice(chunks.join('').length);
  if (trailing !== '') {
    if (chunks.length === 0) chunks.push(trailing);
    else chunks[chunks.length - 1] += trailing;
  }
  return chunks;
}
