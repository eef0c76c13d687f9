import type { Migration } from './types';

/*
 * What Picqer answered a change's last attempt (status, error_code, its message), kept as data
 * beside the sentence in last_error: the screen words it in the packer's language, and the
 * already-packed answer shows it (issue 13, "errors name the request").
 */

const migration: Migration = {
  version: 8,
  name: 'outbox-answers',
  up(db) {
    db.exec('ALTER TABLE outbox ADD COLUMN last_answer_json TEXT');
  },
};

export default migration;
