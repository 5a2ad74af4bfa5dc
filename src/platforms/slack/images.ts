import type { webApi } from "@slack/bolt";
import type { ImageBlock, Message } from "../../ui/view.ts";

/** A message's charts: Block Kit cannot carry them (image blocks need a URL Slack can fetch). */
export const imagesOf = (message: Message): ImageBlock[] =>
  message.blocks.filter((b): b is ImageBlock => b.type === "image");

const fileName = (title: string) =>
  `${
    title
      .toLowerCase()
      .normalize("NFD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "grafiek"
  }.png`;

/**
 * Uploads a message's charts into a conversation (files.uploadV2: getUploadURLExternal, the bytes,
 * completeUploadExternal), each with its text alternative.
 */
export async function uploadImages(
  client: webApi.WebClient,
  channelId: string,
  message: Message,
): Promise<void> {
  for (const image of imagesOf(message)) {
    await client.files.uploadV2({
      channel_id: channelId,
      file: Buffer.from(image.png, "base64"),
      filename: fileName(image.title),
      title: image.title,
      alt_text: image.alt,
    });
  }
}
