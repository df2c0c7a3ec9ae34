-- The catalog schema at its newest revision, for SQLite. Written by
-- scriptorium.catalog.migrate.render_head_sqlite from the migrations; do not edit.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE changes (
	seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	record_id TEXT NOT NULL, 
	action TEXT NOT NULL, 
	content_hash TEXT, 
	created_at TEXT NOT NULL
);
CREATE TABLE people (
	name TEXT NOT NULL, 
	CONSTRAINT pk_people PRIMARY KEY (name)
);
CREATE TABLE revisions (
	record_id TEXT NOT NULL, 
	number INTEGER NOT NULL, 
	content_hash TEXT NOT NULL, 
	origin TEXT, 
	record_json TEXT NOT NULL, 
	created_at TEXT NOT NULL, 
	CONSTRAINT pk_revisions PRIMARY KEY (record_id, number)
);
CREATE TABLE sources (
	name TEXT NOT NULL, 
	CONSTRAINT pk_sources PRIMARY KEY (name)
);
CREATE TABLE records (
	id TEXT NOT NULL, 
	page_type TEXT NOT NULL, 
	kind TEXT NOT NULL, 
	title TEXT NOT NULL, 
	subtitle TEXT, 
	language TEXT NOT NULL, 
	date_text TEXT, 
	date_edtf TEXT, 
	year INTEGER, 
	collection TEXT, 
	copied_from TEXT, 
	rights TEXT, 
	path TEXT, 
	part_of_id TEXT, 
	part_of_title TEXT, 
	last_updated_text TEXT, 
	last_updated_iso TEXT, 
	content_hash TEXT NOT NULL, 
	revision INTEGER NOT NULL, 
	origin TEXT, 
	record_json TEXT NOT NULL, 
	created_at TEXT NOT NULL, 
	updated_at TEXT NOT NULL, 
	CONSTRAINT pk_records PRIMARY KEY (id), 
	CONSTRAINT fk_records_copied_from_sources FOREIGN KEY(copied_from) REFERENCES sources (name)
);
CREATE INDEX ix_records_copied_from ON records (copied_from);
CREATE INDEX ix_records_kind ON records (kind);
CREATE INDEX ix_records_page_type_year ON records (page_type, year);
CREATE TABLE authors (
	name TEXT NOT NULL, 
	born_text TEXT, 
	born_edtf TEXT, 
	died_text TEXT, 
	died_edtf TEXT, 
	life_dates TEXT, 
	biography TEXT, 
	profile_record_id TEXT, 
	CONSTRAINT pk_authors PRIMARY KEY (name), 
	CONSTRAINT fk_authors_profile_record_id_records FOREIGN KEY(profile_record_id) REFERENCES records (id)
);
CREATE INDEX ix_authors_profile_record_id ON authors (profile_record_id);
CREATE TABLE credits (
	record_id TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	role TEXT NOT NULL, 
	person TEXT NOT NULL, 
	note TEXT, 
	CONSTRAINT pk_credits PRIMARY KEY (record_id, position), 
	CONSTRAINT fk_credits_person_people FOREIGN KEY(person) REFERENCES people (name), 
	CONSTRAINT fk_credits_record_id_records FOREIGN KEY(record_id) REFERENCES records (id)
);
CREATE INDEX ix_credits_person ON credits (person);
CREATE TABLE index_entries (
	record_id TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	list TEXT NOT NULL, 
	periodical TEXT, 
	issue TEXT, 
	title TEXT NOT NULL, 
	href TEXT, 
	target TEXT, 
	date_text TEXT, 
	date_edtf TEXT, 
	year INTEGER, 
	authors TEXT NOT NULL, 
	section TEXT, 
	pages TEXT, 
	note TEXT, 
	CONSTRAINT pk_index_entries PRIMARY KEY (record_id, position), 
	CONSTRAINT fk_index_entries_record_id_records FOREIGN KEY(record_id) REFERENCES records (id)
);
CREATE INDEX ix_index_entries_target ON index_entries (target);
CREATE TABLE periodicals (
	title TEXT NOT NULL, 
	description TEXT, 
	profile_record_id TEXT, 
	CONSTRAINT pk_periodicals PRIMARY KEY (title), 
	CONSTRAINT fk_periodicals_profile_record_id_records FOREIGN KEY(profile_record_id) REFERENCES records (id)
);
CREATE INDEX ix_periodicals_profile_record_id ON periodicals (profile_record_id);
CREATE TABLE relations (
	subject TEXT NOT NULL, 
	predicate TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	object TEXT, 
	label TEXT, 
	CONSTRAINT pk_relations PRIMARY KEY (subject, predicate, position), 
	CONSTRAINT fk_relations_subject_records FOREIGN KEY(subject) REFERENCES records (id)
);
CREATE INDEX ix_relations_object ON relations (object);
CREATE TABLE reviewed_books (
	record_id TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	title TEXT NOT NULL, 
	authors TEXT NOT NULL, 
	editors TEXT NOT NULL, 
	translators TEXT NOT NULL, 
	publisher TEXT, 
	year TEXT, 
	price TEXT, 
	CONSTRAINT pk_reviewed_books PRIMARY KEY (record_id, position), 
	CONSTRAINT fk_reviewed_books_record_id_records FOREIGN KEY(record_id) REFERENCES records (id)
);
CREATE TABLE document_authors (
	record_id TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	author_name TEXT NOT NULL, 
	CONSTRAINT pk_document_authors PRIMARY KEY (record_id, position), 
	CONSTRAINT fk_document_authors_author_name_authors FOREIGN KEY(author_name) REFERENCES authors (name), 
	CONSTRAINT fk_document_authors_record_id_records FOREIGN KEY(record_id) REFERENCES records (id)
);
CREATE INDEX ix_document_authors_author_name ON document_authors (author_name);
CREATE TABLE issues (
	periodical TEXT NOT NULL, 
	designation TEXT NOT NULL, 
	date_text TEXT, 
	date_edtf TEXT, 
	year INTEGER, 
	href TEXT, 
	profile_record_id TEXT, 
	CONSTRAINT pk_issues PRIMARY KEY (periodical, designation), 
	CONSTRAINT fk_issues_periodical_periodicals FOREIGN KEY(periodical) REFERENCES periodicals (title), 
	CONSTRAINT fk_issues_profile_record_id_records FOREIGN KEY(profile_record_id) REFERENCES records (id)
);
CREATE INDEX ix_issues_profile_record_id ON issues (profile_record_id);
CREATE TABLE document_sources (
	record_id TEXT NOT NULL, 
	periodical TEXT, 
	issue TEXT, 
	date_text TEXT, 
	date_edtf TEXT, 
	year INTEGER, 
	pages TEXT, 
	statement TEXT NOT NULL, 
	CONSTRAINT pk_document_sources PRIMARY KEY (record_id), 
	CONSTRAINT fk_document_sources_issue_issues FOREIGN KEY(periodical, issue) REFERENCES issues (periodical, designation), 
	CONSTRAINT fk_document_sources_periodical_periodicals FOREIGN KEY(periodical) REFERENCES periodicals (title), 
	CONSTRAINT fk_document_sources_record_id_records FOREIGN KEY(record_id) REFERENCES records (id)
);
CREATE INDEX ix_document_sources_periodical_issue ON document_sources (periodical, issue);
CREATE TABLE file_states (
	file TEXT NOT NULL, 
	"key" TEXT NOT NULL, 
	size BIGINT NOT NULL, 
	mtime_ns BIGINT NOT NULL, 
	ctime_ns BIGINT NOT NULL, 
	inode BIGINT NOT NULL, 
	content_hash TEXT NOT NULL, 
	CONSTRAINT pk_file_states PRIMARY KEY (file)
);
CREATE INDEX ix_records_id_content_hash ON records (id, content_hash);
CREATE TABLE folder_states (
	folder TEXT NOT NULL, 
	mtime_ns BIGINT NOT NULL, 
	ctime_ns BIGINT NOT NULL, 
	inode BIGINT NOT NULL, 
	files TEXT NOT NULL, 
	folders TEXT NOT NULL, 
	CONSTRAINT pk_folder_states PRIMARY KEY (folder)
);
INSERT INTO alembic_version (version_num) VALUES ('0003');
