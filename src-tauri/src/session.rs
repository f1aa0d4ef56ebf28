//! The desktop session of one window: which map is open, the recent maps and the last map (kept
//! in `settings.json` in the app data dir, shared by every window), which map opens at start —
//! the one named on the command line, else the last one, else the demo map written to the app
//! data dir — and whether another program changed the open map's file since it was read.

use std::fs;
use std::path::{Path, PathBuf};

use advocate_core::{MapData, MapFile};
use serde::{Deserialize, Serialize};

use crate::paths;

/// How many maps Open Recent lists.
pub const RECENT_LIMIT: usize = 10;

/// What the app remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub recent: Vec<String>,
    #[serde(default)]
    pub last: Option<String>,
    /// The user's name, the author of their edits in every map's history; `None` until the
    /// window has asked for it (an empty name: asked, and left blank).
    #[serde(default)]
    pub author: Option<String>,
    /// Each map's shared folder (by the map's absolute path): where its copies meet to sync.
    #[serde(default)]
    pub shared_folders: std::collections::BTreeMap<String, String>,
}

/// The open map and what the app remembers.
pub struct Session {
    pub file: Option<MapFile>,
    pub data_dir: PathBuf,
    pub settings: Settings,
    /// A problem met while opening the first map, shown to the user once.
    pub notice: Option<String>,
    /// The encrypted map that was to open at start (named on the command line, or the last
    /// one), waiting for its passphrase; the window asks for it.
    pub locked: Option<PathBuf>,
    /// The open file's data version when this session last read it (see
    /// [`MapFile::data_version`]): another program's change shows as a different number.
    seen: Option<i64>,
    /// The map was read again since the window last received it whole (another program changed
    /// the file): the next edit answers with the whole map, as a change to what the window
    /// shows would miss the other program's.
    pub reread: bool,
}

/// The bundled demo map's contents.
pub type DemoSource = fn() -> MapData;

/// Why a map did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// It is encrypted, and no passphrase was given.
    NeedsPassphrase,
    /// The passphrase given does not open it (nothing was written to it).
    WrongPassphrase,
    /// Anything else, in the user's words.
    Failed(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::NeedsPassphrase => {
                f.write_str("the map is encrypted: its passphrase is needed")
            }
            OpenError::WrongPassphrase => f.write_str("the passphrase does not open the map"),
            OpenError::Failed(message) => f.write_str(message),
        }
    }
}

impl Session {
    /// Reads the settings and opens the first map: `argument` when given, else the last map,
    /// else the demo map (written to `data_dir/demo.advocate` the first time). An encrypted
    /// first map is not replaced by the demo: it waits in [`Session::locked`] for its
    /// passphrase.
    pub fn start(data_dir: &Path, argument: Option<&str>, demo: DemoSource) -> Session {
        let mut session = Session::empty(data_dir);
        let first = match (argument, session.settings.last.clone()) {
            (Some(arg), _) => Some((paths::map_argument(arg), "")),
            (None, Some(last)) => Some((
                paths::map_to_open(&last),
                "The last map could not be opened: ",
            )),
            (None, None) => None,
        };
        if let Some((checked, context)) = first {
            match checked {
                Ok(path) => session.open_first(&path, context),
                Err(e) => session.notice = Some(format!("{context}{e}")),
            }
            if session.file.is_some() || session.locked.is_some() {
                return session;
            }
        }
        if let Err(e) = session.open_demo(demo) {
            let before = session.notice.take();
            session.notice = Some(match before {
                Some(b) => format!("{b}\n{e}"),
                None => e,
            });
        }
        session
    }

    /// A session with nothing open yet, and the settings read from `data_dir`.
    pub fn empty(data_dir: &Path) -> Session {
        Session {
            file: None,
            data_dir: data_dir.to_path_buf(),
            settings: read_settings(data_dir),
            notice: None,
            locked: None,
            seen: None,
            reread: false,
        }
    }

    /// Opens the map a window starts with: an encrypted one waits in [`Session::locked`] for
    /// its passphrase; a failure becomes the notice, after `context`.
    pub fn open_first(&mut self, path: &Path, context: &str) {
        match self.open(path, None) {
            Ok(()) => {}
            Err(OpenError::NeedsPassphrase) => self.locked = Some(path.to_path_buf()),
            Err(e) => self.notice = Some(format!("{context}{e}")),
        }
    }

    /// Reads the open map again when another program (the command line, say) changed its file
    /// since this session last read it, and says so in the user's words; `None` when nothing
    /// changed. Without this the window would show, and build its next edit on, a stale map.
    pub fn pick_up_changes(&mut self) -> Option<String> {
        let file = self.file.as_mut()?;
        let now = file.data_version().ok()?;
        if self.seen == Some(now) {
            return None;
        }
        self.seen = Some(now);
        let name = file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(match file.reload() {
            Ok(()) => {
                self.reread = true;
                format!(
                    "{name} was changed by another program: Advocate read it again, so what you see is the file as it now is."
                )
            }
            Err(e) => format!(
                "{name} was changed by another program and could not be read again ({e}): close the window and open the map again before editing."
            ),
        })
    }

    /// Opens (creating it first if need be) the demo map in the app data dir.
    pub fn open_demo(&mut self, demo: DemoSource) -> Result<(), String> {
        let path = self.data_dir.join("demo.advocate");
        if !path.exists() {
            fs::create_dir_all(&self.data_dir)
                .map_err(|e| format!("{}: {e}", self.data_dir.display()))?;
            MapFile::create_from(&path, &demo()).map_err(|e| e.to_string())?;
        }
        self.open(&path, None).map_err(|e| e.to_string())
    }

    /// Opens a map file (with its passphrase, when it is encrypted) and remembers it as the
    /// last and most recent map. The passphrase is kept by the open map only, never in the
    /// settings.
    pub fn open(&mut self, path: &Path, passphrase: Option<&str>) -> Result<(), OpenError> {
        match MapFile::open_with(path, passphrase) {
            Ok(file) => {
                self.switch_to(file);
                Ok(())
            }
            Err(advocate_core::Error::Encrypted { .. }) => Err(OpenError::NeedsPassphrase),
            Err(advocate_core::Error::WrongPassphrase { .. }) => Err(OpenError::WrongPassphrase),
            Err(e) => Err(OpenError::Failed(e.to_string())),
        }
    }

    /// Creates a new, empty map and opens it.
    pub fn create(&mut self, path: &Path, name: &str) -> Result<(), String> {
        let file = MapFile::create(path, name).map_err(|e| e.to_string())?;
        self.switch_to(file);
        Ok(())
    }

    /// Writes a copy of the open map to `target` (encrypted as the map is) and carries on
    /// editing the copy; on failure the open map stays as it was.
    pub fn save_as(&mut self, target: &Path) -> Result<(), String> {
        let mut file = self
            .file
            .take()
            .ok_or_else(|| "no map is open: use New or Open".to_string())?;
        match file.save_as(target) {
            Ok(()) => {
                self.switch_to(file);
                Ok(())
            }
            Err(e) => {
                self.file = Some(file);
                Err(e.to_string())
            }
        }
    }

    /// Notes the open map as the last and most recent one.
    pub fn switch_to(&mut self, file: MapFile) {
        self.locked = None;
        self.seen = file.data_version().ok();
        crate::windows::note_recent(file.path());
        // Other windows may have opened maps, or the user named themselves, since this one
        // read the settings.
        let on_disk = read_settings(&self.data_dir);
        self.settings.recent = on_disk.recent;
        self.settings.author = on_disk.author;
        self.settings.shared_folders = on_disk.shared_folders;
        let mut file = file;
        file.set_author(self.settings.author.as_deref().unwrap_or_default());
        let shown = absolute(file.path());
        self.settings.recent.retain(|p| p != &shown);
        self.settings.recent.insert(0, shown.clone());
        self.settings.recent.truncate(RECENT_LIMIT);
        self.settings.last = Some(shown);
        self.file = Some(file);
        self.save_settings();
    }

    /// The open map, or a message saying there is none.
    pub fn file(&self) -> Result<&MapFile, String> {
        self.file
            .as_ref()
            .ok_or_else(|| "no map is open: use New or Open".to_string())
    }

    pub fn file_mut(&mut self) -> Result<&mut MapFile, String> {
        self.file
            .as_mut()
            .ok_or_else(|| "no map is open: use New or Open".to_string())
    }

    /// Changes the settings as they are on disk now (another window may have changed them)
    /// and writes them.
    pub fn update_settings(&mut self, change: impl FnOnce(&mut Settings)) {
        self.settings = read_settings(&self.data_dir);
        change(&mut self.settings);
        self.save_settings();
    }

    /// The open map's shared folder, from the settings.
    pub fn shared_folder(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        self.settings
            .shared_folders
            .get(&absolute(file.path()))
            .cloned()
    }

    /// The key the open map's settings are kept under: its absolute path.
    pub fn map_key(&self) -> Option<String> {
        self.file.as_ref().map(|f| absolute(f.path()))
    }

    /// Writes the settings; a failure only loses the recent list, so it is not an error.
    pub fn save_settings(&self) {
        let _ = fs::create_dir_all(&self.data_dir);
        if let Ok(text) = serde_json::to_string_pretty(&self.settings) {
            let _ = fs::write(self.data_dir.join("settings.json"), text);
        }
    }
}

/// The settings in `data_dir`, keeping only well-formed map paths (the file is anyone's to edit).
fn read_settings(data_dir: &Path) -> Settings {
    let mut settings: Settings = fs::read_to_string(data_dir.join("settings.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    settings.recent.retain(|p| paths::is_remembered_map(p));
    settings.recent.truncate(RECENT_LIMIT);
    settings.last = settings.last.filter(|p| paths::is_remembered_map(p));
    settings
}

fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}
