// Writes a directory as a tar stream the way `docker export` does: Go's archive/tar in
// pax format, names relative to the root without "./" and without a root entry,
// whole-second mtimes, no atime/ctime, numeric owners from stat, hard links to the
// first name met in the walk, and of all xattrs only security.capability (the one
// Docker's archive code carries).
package main

import (
	"archive/tar"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	root := os.Args[1]
	out := tar.NewWriter(os.Stdout)
	seen := map[uint64]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == root {
			return err
		}
		name, _ := filepath.Rel(root, path)
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		link := ""
		if info.Mode()&os.ModeSymlink != 0 {
			if link, err = os.Readlink(path); err != nil {
				return err
			}
		}
		hdr, err := tar.FileInfoHeader(info, link)
		if err != nil {
			return err
		}
		hdr.Name = name
		if info.IsDir() {
			hdr.Name += "/"
		}
		hdr.Format = tar.FormatPAX
		hdr.ModTime = hdr.ModTime.Truncate(time.Second)
		hdr.AccessTime = time.Time{}
		hdr.ChangeTime = time.Time{}
		hdr.Uname, hdr.Gname = "", ""
		st := info.Sys().(*syscall.Stat_t)
		hdr.Uid, hdr.Gid = int(st.Uid), int(st.Gid)
		// syscall.Getxattr follows symlinks, and a symlink carries no capability anyway
		if capability := xattr(path, "security.capability"); capability != nil && link == "" {
			hdr.PAXRecords = map[string]string{"SCHILY.xattr.security.capability": string(capability)}
		}
		if info.Mode().IsRegular() && st.Nlink > 1 {
			if first, ok := seen[st.Ino]; ok {
				hdr.Typeflag, hdr.Linkname, hdr.Size = tar.TypeLink, first, 0
			} else {
				seen[st.Ino] = name
			}
		}
		if err := out.WriteHeader(hdr); err != nil {
			return err
		}
		if hdr.Typeflag == tar.TypeReg {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(out, f)
			return err
		}
		return nil
	})
	if err == nil {
		err = out.Close()
	}
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
}

func xattr(path, name string) []byte {
	buf := make([]byte, 256)
	n, err := syscall.Getxattr(path, name, buf)
	if err != nil {
		return nil
	}
	return buf[:n]
}
