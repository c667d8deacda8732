import { Kafka } from 'kafkajs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Commits the end of `topic` for each group, so that a run's new consumer
 * groups start after what earlier runs left on a shared topic. A topic created
 * a moment ago may still be electing its leaders: offsets are retried.
 */
export async function startGroupsAtEnd(kafka: Kafka, topic: string, groupIds: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let ends: Awaited<ReturnType<typeof admin.fetchTopicOffsets>> = [];
    for (let attempt = 0; ; attempt++) {
      try {
        ends = await admin.fetchTopicOffsets(topic);
        break;
      } catch (e) {
        if (attempt >= 20) throw e;
        await sleep(500);
      }
    }
    for (const groupId of groupIds) {
      await admin.setOffsets({ groupId, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}
