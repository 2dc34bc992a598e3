// Windows: the shell's IFileDialog, shown on the NativeDialogTask's thread (its own
// single-threaded COM apartment, no owner window: the app keeps drawing meanwhile). Built only
// on Windows; the rest of the interface is in native_dialog.cpp.
#ifdef _WIN32
#include "app/native_dialog.h"

#include <shobjidl.h>
#include <windows.h>

namespace mesomap::app {

namespace {

// Releases a COM interface when it goes out of scope.
template <typename T>
struct Released {
  T* p = nullptr;
  ~Released() {
    if (p) p->Release();
  }
};

std::wstring patternsFor(const std::vector<std::string>& extensions) {
  std::wstring patterns;
  for (const std::string& e : extensions)
    patterns += (patterns.empty() ? L"*" : L";*") + std::filesystem::path(e).wstring();
  return patterns.empty() ? L"*.*" : patterns;
}

// Title, filters, start folder, suggested name and the overwrite question.
void describe(IFileDialog* dialog, const FileDialogRequest& request, const std::wstring& label,
              const std::wstring& patterns) {
  dialog->SetTitle(std::filesystem::path(request.title).wstring().c_str());
  const COMDLG_FILTERSPEC filters[] = {{label.c_str(), patterns.c_str()}, {L"All files", L"*.*"}};
  dialog->SetFileTypes(2, filters);
  DWORD options = 0;
  dialog->GetOptions(&options);
  options |= FOS_FORCEFILESYSTEM | (request.saving ? FOS_OVERWRITEPROMPT : FOS_FILEMUSTEXIST);
  dialog->SetOptions(options);
  Released<IShellItem> folder;
  if (SUCCEEDED(SHCreateItemFromParsingName(request.directory.wstring().c_str(), nullptr, IID_PPV_ARGS(&folder.p))))
    dialog->SetFolder(folder.p);
  if (request.saving) {
    dialog->SetFileName(std::filesystem::path(request.suggestedName).wstring().c_str());
    if (!request.extensions.empty())
      dialog->SetDefaultExtension(std::filesystem::path(request.extensions.front().substr(1)).wstring().c_str());
  }
}

NativeDialogResult showDialog(const FileDialogRequest& request) {
  Released<IFileDialog> dialog;
  const CLSID kind = request.saving ? CLSID_FileSaveDialog : CLSID_FileOpenDialog;
  HRESULT hr = CoCreateInstance(kind, nullptr, CLSCTX_INPROC_SERVER, IID_PPV_ARGS(&dialog.p));
  if (FAILED(hr)) return {std::nullopt, "IFileDialog could not be created (HRESULT " + std::to_string(hr) + ")"};
  const std::wstring label =
      std::filesystem::path(request.filterLabel.empty() ? "Supported files" : request.filterLabel).wstring();
  const std::wstring patterns = patternsFor(request.extensions);
  describe(dialog.p, request, label, patterns);
  hr = dialog.p->Show(nullptr);
  if (hr == HRESULT_FROM_WIN32(ERROR_CANCELLED)) return {};
  if (FAILED(hr)) return {std::nullopt, "IFileDialog failed (HRESULT " + std::to_string(hr) + ")"};
  Released<IShellItem> item;
  PWSTR path = nullptr;
  if (FAILED(dialog.p->GetResult(&item.p)) || FAILED(item.p->GetDisplayName(SIGDN_FILESYSPATH, &path)))
    return {std::nullopt, "IFileDialog gave no file system path"};
  NativeDialogResult result;
  result.chosen = std::filesystem::path(path);
  CoTaskMemFree(path);
  return result;
}

}  // namespace

NativeDialogResult runNativeDialog(DialogHelper helper, const FileDialogRequest& request) {
  if (helper != DialogHelper::WindowsShell) return {std::nullopt, "no dialog helper"};
  const HRESULT init = CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
  NativeDialogResult result = showDialog(request);
  if (SUCCEEDED(init)) CoUninitialize();
  return result;
}

}  // namespace mesomap::app
#endif
