#include "app/drop_target.h"

#include <GLFW/glfw3.h>

namespace mesomap::app {

namespace {
// GLFW callbacks carry no context of ours (ImGui's backend owns the user pointer); the app has
// one window, as for the key queue.
std::vector<std::filesystem::path>* g_dropped = nullptr;
}  // namespace

void DropTarget::install(GLFWwindow* window) {
  g_dropped = &dropped_;
  glfwSetDropCallback(window, [](GLFWwindow*, int count, const char** paths) {
    if (!g_dropped) return;
    // GLFW gives UTF-8 paths, already decoded from the file:// URIs.
    for (int i = 0; i < count; ++i)
      g_dropped->push_back(std::filesystem::path(std::u8string(reinterpret_cast<const char8_t*>(paths[i]))));
  });
}

std::vector<std::filesystem::path> DropTarget::take() {
  std::vector<std::filesystem::path> taken;
  taken.swap(dropped_);
  return taken;
}

}  // namespace mesomap::app
