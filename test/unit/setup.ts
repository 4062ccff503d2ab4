// Real IndexedDB semantics in Node: Dexie runs over fake-indexeddb in unit tests.
import 'fake-indexeddb/auto';
