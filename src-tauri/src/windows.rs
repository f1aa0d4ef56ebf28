//! One app, many maps: each window has its own session (its map, undo, passphrase prompt and
//! analysis under way), found by the window's label when a command arrives. Opening a map that
//! another window shows focuses that window instead; a map given to a second launch of the app
//! (a double-click in the file manager) arrives through the single-instance plugin and opens in
//! a new window of this process. A map changed on disk by another program (the command line) is
//! read again before the window's next command, and when the window gets focus, and the window
//! is told so. Maps opened go to the desktop's recent files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use serde::Serialize;
use specta::Type;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{AppHandle, Emitter, Manager, Runtime, WebviewWindow, WebviewWindowBuilder};

use crate::analysis::Running;
use crate::paths;
use crate::session::Session;

/// The label of the window the app starts with (tauri.conf.json); the others are `map-N`.
pub const MAIN: &str = "main";

/// The event a window gets when its map was changed on disk by another program and read again.
pub const CHANGED_ON_DISK: &str = "map-changed-on-disk";

/// The calling window's session, behind a lock. A command takes it as an argument, like
/// Tauri's `State`; Tauri fills it in from the window that called.
#[derive(Clone)]
pub struct AppState(Arc<Mutex<Session>>);

impl AppState {
    pub fn new(session: Session) -> AppState {
        AppState(Arc::new(Mutex::new(session)))
    }

    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, Session>, String> {
        self.0
            .lock()
            .map_err(|_| "an earlier command failed badly; restart Advocate".to_string())
    }
}

/// What one window has: its session and the analysis under way in it.
#[derive(Clone)]
struct Window {
    session: AppState,
    running: Running,
}

/// Every window's session, by window label (Tauri's managed state).
pub struct Windows {
    by_label: Mutex<HashMap<String, Window>>,
    next: AtomicU32,
    data_dir: PathBuf,
}

impl Windows {
    /// The sessions, the main window's first.
    pub fn new(main: Session) -> Windows {
        let windows = Windows {
            by_label: Mutex::new(HashMap::new()),
            next: AtomicU32::new(1),
            data_dir: main.data_dir.clone(),
        };
        windows.insert(MAIN, main);
        windows
    }

    fn all(&self) -> MutexGuard<'_, HashMap<String, Window>> {
        // A panic while the table was held cannot leave it half-written: take it as it is.
        self.by_label.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn insert(&self, label: &str, session: Session) {
        self.all().insert(
            label.to_string(),
            Window {
                session: AppState::new(session),
                running: Running::default(),
            },
        );
    }

    fn get(&self, label: &str) -> Option<Window> {
        self.all().get(label).cloned()
    }

    /// The session of a window.
    pub fn session(&self, label: &str) -> Option<AppState> {
        self.get(label).map(|w| w.session)
    }

    /// Forgets a closed window's session (its map file is closed with it).
    pub fn remove(&self, label: &str) {
        if let Some(window) = self.all().remove(label)
            && let Ok(Some(p)) = window.running.0.lock().map(|mut s| s.take())
        {
            p.cancel();
        }
    }

    /// The window that shows `path` (open, or waiting for its passphrase), if any.
    pub fn showing(&self, path: &Path) -> Option<String> {
        let wanted = same_file_key(path);
        let windows: Vec<(String, AppState)> = self
            .all()
            .iter()
            .map(|(l, w)| (l.clone(), w.session.clone()))
            .collect();
        windows.into_iter().find_map(|(label, session)| {
            let session = session.lock().ok()?;
            let shown = session
                .file
                .as_ref()
                .map(|f| f.path().to_path_buf())
                .or_else(|| session.locked.clone())?;
            (same_file_key(&shown) == wanted).then_some(label)
        })
    }

    fn next_label(&self) -> String {
        format!("map-{}", self.next.fetch_add(1, Ordering::Relaxed))
    }
}

/// Two paths name the same file when their canonical forms are equal (links, `..`, case on
/// case-insensitive disks); a path that cannot be resolved stands for itself.
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| std::path::absolute(path).unwrap_or_default())
}

fn windows_of<R: Runtime>(
    webview: &tauri::Webview<R>,
) -> Result<tauri::State<'_, Windows>, InvokeError> {
    webview
        .try_state::<Windows>()
        .ok_or_else(|| InvokeError::from("Advocate has not finished starting: try again"))
}

impl<'de, R: Runtime> CommandArg<'de, R> for AppState {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let webview = command.message.webview_ref();
        let session = windows_of(webview)?
            .session(webview.label())
            .ok_or_else(|| {
                InvokeError::from("this window has no map: close it and open the map again")
            })?;
        // The command works on the file as it now is, not as this window last read it.
        if let Ok(mut s) = session.lock()
            && let Some(message) = s.pick_up_changes()
        {
            let _ = webview.emit_to(webview.label(), CHANGED_ON_DISK, message);
        }
        Ok(session)
    }
}

/// Every window's session, for a setting that concerns them all (the user's name). Filled in
/// by Tauri like [`AppState`].
pub struct AllSessions(pub Vec<AppState>);

impl<'de, R: Runtime> CommandArg<'de, R> for AllSessions {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let windows = windows_of(command.message.webview_ref())?;
        let sessions = windows.all().values().map(|w| w.session.clone()).collect();
        Ok(AllSessions(sessions))
    }
}

impl specta::function::FunctionArg for AllSessions {
    fn to_datatype(_: &mut specta::Types) -> Option<specta::datatype::DataType> {
        None
    }
}

impl<'de, R: Runtime> CommandArg<'de, R> for Running {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let webview = command.message.webview_ref();
        let windows = windows_of(webview)?;
        Ok(windows
            .get(webview.label())
            .map(|w| w.running)
            .unwrap_or_default())
    }
}

// Filled in by Tauri, not sent by the window: nothing to declare in the TypeScript bindings.
impl specta::function::FunctionArg for AppState {
    fn to_datatype(_: &mut specta::Types) -> Option<specta::datatype::DataType> {
        None
    }
}

impl specta::function::FunctionArg for Running {
    fn to_datatype(_: &mut specta::Types) -> Option<specta::datatype::DataType> {
        None
    }
}

/// Opens the maps given to a launch of the app (the first launch, or a second one forwarded
/// by the single-instance plugin), each in its own window, relative to `cwd`. A map already
/// shown focuses its window; with no map, the most recent window comes to the front.
pub fn open_arguments<R: Runtime>(app: &AppHandle<R>, arguments: &[String], cwd: &Path) {
    let maps: Vec<&String> = arguments.iter().filter(|a| !a.starts_with('-')).collect();
    if maps.is_empty() {
        if let Some(window) = app.webview_windows().into_values().next() {
            bring_to_front(&window);
        }
        return;
    }
    for raw in maps {
        let path = if Path::new(raw).is_absolute() {
            PathBuf::from(raw)
        } else {
            cwd.join(raw)
        };
        if let Err(e) = open_window(app, &path) {
            eprintln!("advocate-desktop: {e}");
        }
    }
}

/// Opens `path` in a new window, or focuses the window that already shows it.
pub fn open_window<R: Runtime>(app: &AppHandle<R>, path: &Path) -> Result<(), String> {
    let windows = app
        .try_state::<Windows>()
        .ok_or("Advocate has not finished starting")?;
    if let Some(label) = windows.showing(path) {
        if let Some(window) = app.get_webview_window(&label) {
            bring_to_front(&window);
        }
        return Ok(());
    }
    let mut session = Session::empty(&windows.data_dir);
    match paths::map_to_open(&path.display().to_string()) {
        Ok(checked) => session.open_first(&checked, ""),
        Err(e) => session.notice = Some(e),
    }
    let title = window_title(path);
    let label = windows.next_label();
    windows.insert(&label, session);
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
        .unwrap_or_default();
    config.label = label.clone();
    config.title = title;
    let built = WebviewWindowBuilder::from_config(app, &config).and_then(|b| b.build());
    if let Err(e) = built {
        windows.remove(&label);
        return Err(format!(
            "a window for {} could not open: {e}",
            path.display()
        ));
    }
    Ok(())
}

fn bring_to_front<R: Runtime>(window: &WebviewWindow<R>) {
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

/// A window's title: the map's file name, then the app's.
pub fn window_title(path: &Path) -> String {
    match path.file_name() {
        Some(name) => format!("{} — Advocate", name.to_string_lossy()),
        None => "Advocate".to_string(),
    }
}

/// When a window gets focus, its map is checked for changes made on disk meanwhile; when it
/// closes, its session goes.
pub fn on_window_event<R: Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    let Some(windows) = window.try_state::<Windows>() else {
        return;
    };
    match event {
        tauri::WindowEvent::Focused(true) => {
            // On the UI thread: a session busy with a long command (an import) is not waited
            // for; that command's window asks again with its next command.
            if let Some(session) = windows.session(window.label())
                && let Ok(mut s) = session.0.try_lock()
                && let Some(message) = s.pick_up_changes()
            {
                let _ = window.emit_to(window.label(), CHANGED_ON_DISK, message);
            }
        }
        tauri::WindowEvent::Destroyed => windows.remove(window.label()),
        _ => {}
    }
}

/// What the About box says.
#[derive(Debug, Clone, Serialize, Type)]
pub struct About {
    /// Advocate's version, from the workspace.
    pub version: String,
    /// The map file format this Advocate writes (older files are upgraded when opened).
    pub map_format: u32,
    /// The version of the JSON export format.
    pub json_format: u32,
}

impl About {
    pub fn now() -> About {
        About {
            version: env!("CARGO_PKG_VERSION").to_string(),
            map_format: advocate_core::store::SCHEMA_VERSION as u32,
            json_format: advocate_core::data::FORMAT_VERSION,
        }
    }
}

/// Advocate's version and the map format it writes, for the About box.
#[tauri::command]
#[specta::specta]
pub async fn about() -> Result<About, String> {
    Ok(About::now())
}

/// Adds a map opened to the desktop's recent files (set up by the running app; on GTK, the
/// recent-files list every GTK and GNOME app shares).
type RecentHook = Box<dyn Fn(&Path) + Send + Sync>;
static DESKTOP_RECENT: OnceLock<RecentHook> = OnceLock::new();

/// Tells the desktop that a map was opened (nothing happens in tests, where no app runs).
pub fn note_recent(path: &Path) {
    if let Some(hook) = DESKTOP_RECENT.get() {
        hook(path);
    }
}

/// Sends the maps opened to the desktop's recent files, on the thread GTK wants.
pub fn report_recent_files<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let _ = DESKTOP_RECENT.set(Box::new(move |path: &Path| {
        let Ok(uri) = url_of(path) else { return };
        #[cfg(target_os = "linux")]
        let _ = app.run_on_main_thread(move || {
            use gtk::prelude::RecentManagerExt;
            if let Some(manager) = gtk::RecentManager::default() {
                manager.add_item(&uri);
            }
        });
        #[cfg(not(target_os = "linux"))]
        let _ = (&app, uri);
    }));
}

fn url_of(path: &Path) -> Result<String, ()> {
    let absolute = std::path::absolute(path).map_err(|_| ())?;
    tauri::Url::from_file_path(absolute)
        .map(|u| u.to_string())
        .map_err(|_| ())
}
