//! Where processed images live. A folder today; anything that can put and get bytes by key
//! (object storage) can take its place.

use async_trait::async_trait;
use std::{io, path::PathBuf, sync::Arc};

#[async_trait]
pub trait MediaStore: Send + Sync {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> io::Result<()>;
    async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>>;
}

pub type SharedMediaStore = Arc<dyn MediaStore>;

/// Keys are `{16 hex digits}-{width}.jpg`; anything else is refused before touching the disk.
pub fn is_media_key(key: &str) -> bool {
    let Some((hash, rest)) = key.split_once('-') else {
        return false;
    };
    let Some(width) = rest.strip_suffix(".jpg") else {
        return false;
    };
    hash.len() == 16
        && hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && !width.is_empty()
        && width.len() <= 4
        && width.bytes().all(|b| b.is_ascii_digit())
}

pub struct FileMediaStore {
    dir: PathBuf,
}

impl FileMediaStore {
    pub fn new(dir: PathBuf) -> io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir })
    }
}

#[async_trait]
impl MediaStore for FileMediaStore {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> io::Result<()> {
        if !is_media_key(key) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a media key",
            ));
        }
        // Written aside and renamed, so a reader never sees half a file.
        let partial = self.dir.join(format!("{key}.part"));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(partial, self.dir.join(key)).await
    }

    async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>> {
        if !is_media_key(key) {
            return Ok(None);
        }
        match tokio::fs::read(self.dir.join(key)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_keys_are_media_keys() {
        assert!(is_media_key("0123456789abcdef-320.jpg"));
        for bad in [
            "../etc/passwd",
            "0123456789abcdef-320.png",
            "0123456789ABCDEF-320.jpg",
            "abc-1.jpg",
            "0123456789abcdef-.jpg",
        ] {
            assert!(!is_media_key(bad), "{bad}");
        }
    }

    #[tokio::test]
    async fn the_folder_store_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileMediaStore::new(dir.path().join("media")).unwrap();
        store
            .put("0123456789abcdef-320.jpg", vec![1, 2, 3])
            .await
            .unwrap();
        assert_eq!(
            store.get("0123456789abcdef-320.jpg").await.unwrap(),
            Some(vec![1, 2, 3])
        );
        assert_eq!(store.get("fedcba9876543210-320.jpg").await.unwrap(), None);
        assert!(store.put("../escape", vec![]).await.is_err());
    }
}
