export * from './event-bus';
export * from './memory/memory-event-bus';
export * from './kafka/kafka-event-bus';
