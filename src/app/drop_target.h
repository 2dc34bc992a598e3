#pragma once
// Files dropped on the window (from a file manager, XDND on X11): GLFW hands them over during
// event polling; the app takes them once per frame and opens each as it would from the command
// line (app/model/open_file.h).
#include <filesystem>
#include <vector>

struct GLFWwindow;

namespace mesomap::app {

class DropTarget {
 public:
  void install(GLFWwindow* window);
  std::vector<std::filesystem::path> take();

 private:
  std::vector<std::filesystem::path> dropped_;
};

}  // namespace mesomap::app
