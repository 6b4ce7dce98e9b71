#include "solo5-notes.h"
SOLO5_NOTES(TARGET_HVT, 2, NET("service0"), NET("service1"))
