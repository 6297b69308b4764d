//! A short SHA-256 fingerprint of a portfolio's input files, printed in every memo and report
//! so a signed document can be traced to the exact portfolio version it was made from.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Hex digits kept: 64 bits are plenty to tell portfolio versions apart.
const SHORT_LEN: usize = 16;

/// The fingerprint of every `*.json` file below `root` (the files the loader reads): SHA-256
/// over the sorted relative paths (with `/` separators) and the bytes of each file, shortened
/// to 16 hex digits. Independent of the folder's location and of directory listing order.
pub fn portfolio(root: &Path) -> io::Result<String> {
    let mut files = Vec::new();
    collect(root, root, &mut files)?;
    files.sort();
    let mut hasher = Sha256::new();
    for (rel, path) in files {
        let bytes = fs::read(&path)?;
        // Lengths delimit the fields so that no two different file sets hash alike.
        hasher.update((rel.len() as u64).to_le_bytes());
        hasher.update(rel.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(hex[..SHORT_LEN].to_owned())
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_with_content_and_not_with_location() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        for dir in [a.path(), b.path()] {
            fs::create_dir(dir.join("sub")).unwrap();
            fs::write(dir.join("merger.json"), "{}").unwrap();
            fs::write(dir.join("sub/k.json"), "[]").unwrap();
            fs::write(dir.join("notes.txt"), "ignored").unwrap();
        }
        let fa = portfolio(a.path()).unwrap();
        assert_eq!(fa.len(), 16);
        assert_eq!(fa, portfolio(b.path()).unwrap());
        fs::write(b.path().join("sub/k.json"), "[ ]").unwrap();
        assert_ne!(fa, portfolio(b.path()).unwrap());
    }
}
