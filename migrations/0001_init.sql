-- Users, refresh tokens, rooms, nodes and meetings.

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL,
    name          text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE rooms (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug                  text NOT NULL UNIQUE,
    moderator_key         text NOT NULL UNIQUE,
    name                  text NOT NULL,
    welcome               text NOT NULL DEFAULT '',
    max_participants      integer NOT NULL DEFAULT 0 CHECK (max_participants >= 0),
    mute_on_start         boolean NOT NULL DEFAULT false,
    guest_policy          text NOT NULL DEFAULT 'ALWAYS_ACCEPT'
                          CHECK (guest_policy IN ('ALWAYS_ACCEPT', 'ASK_MODERATOR')),
    anyone_can_start      boolean NOT NULL DEFAULT false,
    all_join_as_moderator boolean NOT NULL DEFAULT false,
    record                boolean NOT NULL DEFAULT false,
    expected_size         integer NOT NULL DEFAULT 0 CHECK (expected_size >= 0),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rooms_owner ON rooms (owner_id);

CREATE TABLE nodes (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name           text NOT NULL UNIQUE,
    api_url        text NOT NULL UNIQUE,
    secret         text NOT NULL,
    algorithm      text NOT NULL DEFAULT 'sha256' CHECK (algorithm IN ('sha1', 'sha256', 'sha384', 'sha512')),
    capacity       integer NOT NULL DEFAULT 100 CHECK (capacity >= 0),
    state          text NOT NULL DEFAULT 'enabled' CHECK (state IN ('enabled', 'cordoned', 'disabled')),
    health         text NOT NULL DEFAULT 'unknown' CHECK (health IN ('online', 'offline', 'unknown')),
    fail_streak    integer NOT NULL DEFAULT 0,
    ok_streak      integer NOT NULL DEFAULT 0,
    meetings       integer NOT NULL DEFAULT 0,
    participants   integer NOT NULL DEFAULT 0,
    cpu            double precision,
    last_polled_at timestamptz, -- start of the last poll, failed or not
    last_ok_at     timestamptz, -- start of the last successful poll
    last_error     text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A meeting Switchboard placed on a node. room_id is set for portal rooms,
-- NULL for meetings created through the BBB-compatible gateway.
CREATE TABLE meetings (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    room_id       uuid REFERENCES rooms (id) ON DELETE SET NULL,
    meeting_id    text NOT NULL,
    node_id       uuid NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
    source        text NOT NULL CHECK (source IN ('room', 'gateway')),
    expected_size integer NOT NULL DEFAULT 0,
    participants  integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    ended_at      timestamptz
);
-- The database, not timing, decides which of many concurrent first joins
-- creates a meeting: at most one live row per BBB meetingID.
CREATE UNIQUE INDEX meetings_one_live ON meetings (meeting_id) WHERE ended_at IS NULL;
CREATE INDEX meetings_live_by_node ON meetings (node_id) WHERE ended_at IS NULL;
CREATE INDEX meetings_room ON meetings (room_id) WHERE ended_at IS NULL;
