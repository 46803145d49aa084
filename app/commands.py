"""QUndoCommands: every edit is one undoable step that calls a repository and knows its inverse."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from db.errors import DomainError
from db.records import Record
from db.repositories import Repository, bulk

# Called after every redo/undo with (table name, affected ids) so views can refresh.
Listener = Callable[[str, Sequence[int]], None]


def push(stack: QUndoStack, command: QUndoCommand) -> None:
    """Do the command, then put it on the undo stack.

    QUndoStack.push() calls redo() from C++, where a Python exception cannot stop the push; so the
    first redo runs here, where a DomainError reaches the caller and nothing is pushed.
    """
    if isinstance(command, RecordCommand):
        command.do()  # unguarded: an expected refusal reaches the caller, with no error dialog or log
    else:
        command.redo()
    command.skip_next_redo = True
    stack.push(command)


def push_done(stack: QUndoStack, command: RecordCommand, ids: Sequence[int]) -> None:
    """Put a command whose first step already ran elsewhere (a task, on its own connection) on the
    undo stack, and tell the listener which rows it wrote."""
    command.skip_next_redo = True
    stack.push(command)
    command._changed(ids)


def retranslate_texts(stack: QUndoStack) -> None:
    """After a language switch: each step on the stack that knows its text's source says it in the
    new language (a paste made in English read '撤销 Paste 3 rows' after a switch to Chinese)."""
    for i in range(stack.count()):
        source = getattr(stack.command(i), "text_source", None)
        if source is not None:
            context, text, n = source
            stack.command(i).setText(QCoreApplication.translate(context, text, "", n))


class RecordCommand(QUndoCommand):
    """Base: remembers the repository and tells listeners which rows changed."""

    def __init__(self, repo: Repository, text: str, listener: Listener | None = None):
        super().__init__(text)
        self.repo = repo
        self.listener = listener
        self.skip_next_redo = False
        # (context, source, count) of the text, so a language switch can say it again
        # (retranslate_texts); None for a text made some other way.
        self.text_source: tuple[str, str, int] | None = None

    # Set by the composition root: shows a failed undo/redo (which Qt calls from C++) to the person.
    error_handler: ClassVar[Callable[[Exception], None] | None] = None

    def redo(self) -> None:
        if self.skip_next_redo:
            self.skip_next_redo = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except DomainError as exc:
            # The step did not happen; an obsolete command is dropped from the stack, so the
            # stack never claims a state the database is not in.
            self.setObsolete(True)
            if RecordCommand.error_handler is None:
                raise
            RecordCommand.error_handler(exc)

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def _changed(self, ids: Sequence[int]) -> None:
        if self.listener is not None:
            self.listener(self.repo.table, [i for i in ids if i is not None])


class AddRecords(RecordCommand):
    """Insert records (one or many, all or none); undo deletes exactly those rows."""

    def __init__(
        self,
        repo: Repository,
        records: Sequence[Record],
        listener: Listener | None = None,
        text: str | None = None,
    ):
        n = len(records)
        super().__init__(
            repo,
            text or QCoreApplication.translate("commands", "Add %n record(s)", "", n),
            listener,
        )
        self.text_source = None if text else ("commands", "Add %n record(s)", n)
        self.records = list(records)
        self.saved: list[Record] = []

    @classmethod
    def done(
        cls,
        repo: Repository,
        saved: Sequence[Record],
        listener: Listener | None = None,
        text: str | None = None,
    ) -> AddRecords:
        """The command for records a task has already added: undo deletes them, redo restores them."""
        command = cls(repo, saved, listener, text)
        command.saved = list(saved)
        return command

    def do(self) -> None:
        # The first redo assigns ids; later redos restore the same ids, so references stay valid.
        if self.saved:
            with self.repo.store.write():
                bulk.refuse_changed(bulk.ids_taken(self.repo, self.saved), "redo")
                self.saved = [self.repo.restore(r) for r in self.saved]
        else:
            self.saved = self.repo.add_many(self.records)
        self._changed([r.id for r in self.saved])

    def revert(self) -> None:
        with self.repo.store.write():
            # only what this command wrote: never a record another program put under the same id
            bulk.refuse_changed(bulk.changed_since(self.repo, self.saved), "undo")
            for record in reversed(self.saved):
                self.repo.delete(record.id)
        self._changed([r.id for r in self.saved])


class UpdateRecords(RecordCommand):
    """Replace records by new versions (one or many); undo writes the old versions back."""

    def __init__(
        self,
        repo: Repository,
        before: Sequence[Record],
        after: Sequence[Record],
        listener: Listener | None = None,
        text: str | None = None,
    ):
        n = len(after)
        super().__init__(
            repo,
            text or QCoreApplication.translate("commands", "Edit %n record(s)", "", n),
            listener,
        )
        self.text_source = None if text else ("commands", "Edit %n record(s)", n)
        self.before = list(before)
        self.after = list(after)
        self.undone = False

    # Each step writes only over the version it expects (the one the person saw, or the one the
    # previous step stored): a record another window or program changed meanwhile is not
    # overwritten (StaleRecordError), neither by the save nor by an undo or redo.
    def do(self) -> None:
        with self.repo.store.write():
            if self.undone:  # a redo: the records as the undo left them
                bulk.refuse_changed(bulk.changed_since(self.repo, self.before), "redo")
            self.after = [
                self.repo.update(r, expected=b) for b, r in zip(self.before, self.after, strict=True)
            ]
        self._changed([r.id for r in self.after])

    def revert(self) -> None:
        with self.repo.store.write():
            bulk.refuse_changed(bulk.changed_since(self.repo, self.after), "undo")
            self.undone = True
            self.before = [
                self.repo.update(r, expected=a) for a, r in zip(self.after, self.before, strict=True)
            ]
        self._changed([r.id for r in self.before])


class DeleteRecords(RecordCommand):
    """Delete records; undo restores them with their old ids and children."""

    def __init__(
        self, repo: Repository, ids: Sequence[int], listener: Listener | None = None, text: str | None = None
    ):
        n = len(ids)
        super().__init__(
            repo,
            text or QCoreApplication.translate("commands", "Delete %n record(s)", "", n),
            listener,
        )
        self.text_source = None if text else ("commands", "Delete %n record(s)", n)
        self.ids = list(ids)
        self.deleted: list[Record] = []

    def do(self) -> None:
        with self.repo.store.write():
            if self.deleted:  # a redo: only the records the undo put back, as it put them
                bulk.refuse_changed(bulk.changed_since(self.repo, self.deleted), "redo")
            self.deleted = [self.repo.delete(i) for i in self.ids]
        self._changed(self.ids)

    def revert(self) -> None:
        with self.repo.store.write():
            bulk.refuse_changed(bulk.ids_taken(self.repo, self.deleted), "undo")
            self.deleted = [self.repo.restore(record) for record in self.deleted]
        self._changed(self.ids)


class DeleteShipmentsVoidingCertificates(RecordCommand):
    """Delete trucks that have certificates: their certificates are voided and kept without the
    truck; undo brings the trucks back and their certificates as they were."""

    def __init__(
        self, repo: Repository, ids: Sequence[int], reasons: dict[int, str], listener: Listener | None
    ):
        n = len(ids)
        super().__init__(
            repo,
            QCoreApplication.translate("commands", "Void certificates and delete %n truck(s)", "", n),
            listener,
        )
        self.ids = list(ids)
        self.reasons = reasons
        self.deleted: list[tuple[Record, list[Record]]] = []
        self.voided: list[Record] = []  # the certificates as the delete left them

    def do(self) -> None:
        certificates = self.repo.store.certificates
        with self.repo.store.write():
            if self.deleted:  # a redo: the trucks and certificates as the undo left them
                changed = bulk.changed_since(self.repo, [s for s, _c in self.deleted])
                changed += bulk.changed_since(certificates, [c for _s, certs in self.deleted for c in certs])
                bulk.refuse_changed(changed, "redo")
            self.deleted = [self.repo.delete_voiding_certificates(i, self.reasons[i]) for i in self.ids]
            self.voided = certificates.get_many([c.id for _s, certs in self.deleted for c in certs])
        self._changed(self.ids)
        self._certificates_changed()

    def revert(self) -> None:
        with self.repo.store.write():
            changed = bulk.ids_taken(self.repo, [s for s, _c in self.deleted])
            changed += bulk.changed_since(self.repo.store.certificates, self.voided)
            bulk.refuse_changed(changed, "undo")
            for shipment, certificates in self.deleted:
                self.repo.restore_with_certificates(shipment, certificates)
        self._changed(self.ids)
        self._certificates_changed()

    def _certificates_changed(self) -> None:
        if self.listener is not None:
            ids = [c.id for _s, certs in self.deleted for c in certs]
            if ids:
                self.listener("certificates", ids)


class ArchiveRecords(RecordCommand):
    """Archive (or un-archive) records; undo sets the flag back."""

    def __init__(
        self,
        repo: Repository,
        ids: Sequence[int],
        archived: bool = True,
        listener: Listener | None = None,
        text: str | None = None,
    ):
        n = len(ids)
        default = (
            QCoreApplication.translate("commands", "Archive %n record(s)", "", n)
            if archived
            else QCoreApplication.translate("commands", "Restore %n record(s) from the archive", "", n)
        )
        super().__init__(repo, text or default, listener)
        if not text:
            source = "Archive %n record(s)" if archived else "Restore %n record(s) from the archive"
            self.text_source = ("commands", source, n)
        self.ids = list(ids)
        self.archived = archived
        self.previous: dict[int, bool] = {}
        self.written: list[Record] = []  # the records as the last step left them

    def do(self) -> None:
        with self.repo.store.write():
            if self.written:  # a redo: the records as the undo left them
                bulk.refuse_changed(bulk.changed_since(self.repo, self.written), "redo")
            for i in self.ids:
                self.previous[i] = self.repo.get(i).archived
            self.written = [self.repo.archive(i, self.archived) for i in self.ids]
        self._changed(self.ids)

    def revert(self) -> None:
        with self.repo.store.write():
            bulk.refuse_changed(bulk.changed_since(self.repo, self.written), "undo")
            self.written = [self.repo.archive(i, self.previous[i]) for i in self.ids]
        self._changed(self.ids)


class SetOrganisation(QUndoCommand):
    """Store the park's details (db/organisation.py); undo writes the previous ones back.

    Each step writes only over the details it expects, like UpdateRecords: another window's or
    program's change in between is never overwritten (the step is refused and dropped).
    """

    def __init__(self, store, before, after, text: str | None = None):
        super().__init__(text or QCoreApplication.translate("commands", "Change the park's details"))
        self.store = store
        self.before = before
        self.after = after
        self.skip_next_redo = False

    def redo(self) -> None:
        if self.skip_next_redo:
            self.skip_next_redo = False
            return
        self._guarded(lambda: self._save(self.before, self.after))

    def undo(self) -> None:
        self._guarded(lambda: self._save(self.after, self.before))

    def _save(self, expected, wanted) -> None:
        from db import organisation

        stored = organisation.save(self.store, wanted, expected=expected)
        if wanted is self.after:
            self.after = stored
        else:
            self.before = stored

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except DomainError as exc:
            self.setObsolete(True)
            if RecordCommand.error_handler is None:
                raise
            RecordCommand.error_handler(exc)


class ImportCommand(QUndoCommand):
    """An import as one step: the names created with it and its records, added by a task. Undo
    deletes them and redo restores them (same ids), each in a task with progress and Cancel, so a
    million-line import never blocks the window; a cancelled or failed step leaves the stack where
    the database is (the step is marked done again, or undone again, without touching the file).

    `tasks` is the app's TaskRunner; `show_task(handle, text)` (the view's) shows the task's progress
    and Cancel; `finished(direction, outcome)` is called after each task ('undo'/'redo',
    'done'/'cancelled'/'failed')."""

    PROGRESS_EVERY = 500

    def __init__(
        self,
        stack: QUndoStack,
        tasks,
        parts: Sequence[tuple[str, Sequence[Record]]],
        text: str,
        listener: Listener | None = None,
        show_task: Callable[[object, str], None] | None = None,
        finished: Callable[[str, str], None] | None = None,
    ):
        super().__init__(text)
        self.stack = stack
        self.tasks = tasks
        self.parts = [(repo, list(records)) for repo, records in parts]  # names first, then records
        self.listener = listener
        self.show_task = show_task
        self.on_finished = finished
        self.skip_next_redo = True  # the first step ran in the import's own task
        self.skip_next_undo = False
        self.handle = None
        self.text_source: tuple[str, str, int] | None = None

    @property
    def running(self) -> bool:
        return self.handle is not None and self.handle.running

    def redo(self) -> None:
        if self.skip_next_redo:
            self.skip_next_redo = False
            return
        self._start("redo")

    def undo(self) -> None:
        if self.skip_next_undo:
            self.skip_next_undo = False
            return
        self._start("undo")

    def _start(self, direction: str) -> None:
        parts, every = self.parts, self.PROGRESS_EVERY

        def run(task) -> list[tuple[str, list[Record]]]:
            step = delete_parts if direction == "undo" else restore_parts
            return step(task.store(), parts, task.progress, every)

        handle = self.tasks.start(f"{direction} import", run)
        self.handle = handle
        handle.succeeded.connect(lambda result: self._succeeded(direction, result))
        handle.cancelled.connect(lambda: self._stopped(direction, "cancelled"))
        handle.failed.connect(lambda message, _detail: self._stopped(direction, "failed", message))
        if self.show_task is not None:
            self.show_task(handle, self.text())

    def _succeeded(self, direction: str, parts: list[tuple[str, list[Record]]]) -> None:
        self.parts = parts
        if self.listener is not None:
            for repo_name, records in parts:
                self.listener(repo_name, [r.id for r in records if r.id is not None])
        self._finished(direction, "done")

    def _stopped(self, direction: str, outcome: str, message: str = "") -> None:
        # The database is as before the step: put the stack back without running anything.
        if direction == "undo":
            self.skip_next_redo = True
            self.stack.redo()
        else:
            self.skip_next_undo = True
            self.stack.undo()
        if outcome == "failed" and RecordCommand.error_handler is not None:
            RecordCommand.error_handler(DomainError(message))
        self._finished(direction, outcome)

    def _finished(self, direction: str, outcome: str) -> None:
        if self.on_finished is not None:
            self.on_finished(direction, outcome)


Parts = list[tuple[str, list[Record]]]  # (repository name, records), in the order they were added


BATCH = 20_000  # records an undo or redo of an import deletes or restores between two progress reports


def delete_parts(store, parts: Parts, progress: Callable[[int, int], None], every: int = 500) -> Parts:
    """Undo of an import: delete its records, last added first, in one transaction (all or nothing:
    a Cancel raised by `progress` rolls every deletion back)."""
    total, done = sum(len(records) for _repo, records in parts), 0
    with store.write():
        progress(0, total)  # a Cancel pressed already stops here
        # Only what this import wrote is deleted: a record another program changed, deleted or
        # replaced since (a restored older copy, then records written with the same ids) refuses
        # the whole undo, before anything is deleted.
        texts = {
            name: bulk.snapshot_texts(getattr(store, name), records)
            for name, records in parts
            if name in bulk.BATCH_TABLES
        }
        changed = sum(
            bulk.changed_since(getattr(store, name), records, texts.get(name)) for name, records in parts
        )
        bulk.refuse_changed(changed, "undo")
        for repo_name, records in reversed(parts):
            repo = getattr(store, repo_name)
            if repo_name in bulk.BATCH_TABLES:  # set-based, a chunk at a time (progress and Cancel between)
                for end in range(len(records), 0, -BATCH):
                    start = max(0, end - BATCH)
                    chunk = records[start:end]
                    bulk.delete_batch(repo, chunk, texts[repo_name][start:end])
                    done += len(chunk)
                    progress(done, total)
                continue
            for record in reversed(records):
                repo.delete(record.id)
                done += 1
                if done % every == 0:
                    progress(done, total)
    return parts


def restore_parts(store, parts: Parts, progress: Callable[[int, int], None], every: int = 500) -> Parts:
    """Redo of an import: restore its records with their ids, in one transaction; refused as a whole
    when another program has written records with any of those ids since."""
    total, done, restored = sum(len(records) for _repo, records in parts), 0, []
    with store.write():
        progress(0, total)
        bulk.refuse_changed(
            sum(bulk.ids_taken(getattr(store, name), records) for name, records in parts), "redo"
        )
        for repo_name, records in parts:
            repo, again = getattr(store, repo_name), []
            if repo_name in bulk.BATCH_TABLES:
                for start in range(0, len(records), BATCH):
                    chunk = records[start : start + BATCH]
                    again += bulk.restore_batch(repo, chunk)
                    done += len(chunk)
                    progress(done, total)
                restored.append((repo_name, again))
                continue
            for record in records:
                again.append(repo.restore(record))
                done += 1
                if done % every == 0:
                    progress(done, total)
            restored.append((repo_name, again))
    return restored
