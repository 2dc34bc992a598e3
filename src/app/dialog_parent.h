#pragma once
// The app window's X11 id, so the desktop's file dialog stays above it (zenity --attach,
// kdialog --attach); 0 where the window is not an X11 one.
struct GLFWwindow;

namespace mesomap::app {

unsigned long x11WindowOf(GLFWwindow* window);

}  // namespace mesomap::app
