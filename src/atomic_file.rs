//! Writing output files so that a failed run never leaves a half-written or corrupted file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes to a temporary file in the same folder, then renames it over `path`: a reader
/// (or a crash) never sees a half-written PDF, and an earlier version stays intact on failure.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_atomic`] for output written piece by piece (through a buffer) instead of held in
/// memory whole: `write` gets the temporary file; if it fails, `path` is left as it was.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let written = (|| {
        let mut f = io::BufWriter::with_capacity(1 << 20, fs::File::create(&tmp)?);
        write(&mut f)?;
        let f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        // Best effort: the temporary file is ours and useless now.
        let _ = fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_atomic(&dir.path().join("missing/m.pdf"), b"x").is_err());
    }

    #[test]
    fn a_failed_streamed_write_keeps_the_earlier_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        write_atomic_with(&path, |w| w.write_all(b"one")).unwrap();
        let failed = write_atomic_with(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
